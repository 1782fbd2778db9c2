#include "runtime/repl.hpp"

#include <editline/readline.h>
#include <signal.h>
#include <sys/select.h>
#include <cerrno>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace lockvm {

namespace {

volatile sig_atomic_t g_at_prompt = 0;
volatile sig_atomic_t g_prompt_interrupted = 0;
Session* g_repl_session = nullptr;

// Ctrl-C: at the prompt it only raises a flag that the select() loop below
// sees when select() fails with EINTR; while code runs it asks the
// interpreter to raise KeyboardInterrupt at its next check.  (Neither a
// siglongjmp out of libedit, which left it half-reset and made the next line
// flaky, nor a blocking readline(), which retries read() after EINTR.)
void on_sigint(int) {
  if (g_at_prompt) {
    g_prompt_interrupted = 1;
    return;
  }
  if (g_repl_session) g_repl_session->interrupt();
}

enum class LineStatus { Line, EndOfInput, Interrupted };

char* g_callback_line = nullptr;
bool g_callback_done = false;

void on_callback_line(char* line) {
  g_callback_line = line;
  g_callback_done = true;
}

// Reads one line from a terminal the way CPython's readline module does:
// libedit's callback interface fed from a select() loop, so a SIGINT is
// noticed at once and the half-typed line is dropped.
LineStatus read_terminal_line(const char* prompt, std::string& out) {
  g_callback_line = nullptr;
  g_callback_done = false;
  g_prompt_interrupted = 0;
  g_at_prompt = 1;
  rl_callback_handler_install(prompt, on_callback_line);
  while (!g_callback_done && !g_prompt_interrupted) {
    fd_set fds;
    FD_ZERO(&fds);
    FD_SET(STDIN_FILENO, &fds);
    int ready = select(STDIN_FILENO + 1, &fds, nullptr, nullptr, nullptr);
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    rl_callback_read_char();
  }
  bool interrupted = g_prompt_interrupted;
  g_at_prompt = 0;
  rl_callback_handler_remove();
  if (interrupted) {
    std::free(g_callback_line);
    return LineStatus::Interrupted;
  }
  if (!g_callback_done || !g_callback_line) return LineStatus::EndOfInput;
  out = g_callback_line;
  std::free(g_callback_line);
  return LineStatus::Line;
}

LineStatus read_piped_line(const char* prompt, std::string& out) {
  char* line = readline(prompt);
  if (!line) return LineStatus::EndOfInput;
  out = line;
  std::free(line);
  return LineStatus::Line;
}

std::string history_path() {
  const char* home = std::getenv("HOME");
  return std::string(home ? home : ".") + "/.lockvm_history";
}

// CPython's interactive rule: a compound statement (even one written on a
// single line, like `while True: pass`) ends only at an empty line.
bool needs_blank_line(const std::string& buffer) {
  size_t first = buffer.find_first_not_of(" \t\n");
  if (first == std::string::npos) return false;
  std::string line = buffer.substr(first, buffer.find('\n', first) - first);
  static const char* const openers[] = {"if", "while", "for", "def", "class", "try", "with", "async", "elif", "else"};
  if (line[0] == '@') return true;
  for (const char* kw : openers) {
    size_t n = std::strlen(kw);
    if (line.compare(0, n, kw) == 0 && (line.size() == n || line[n] == ' ' || line[n] == ':' || line[n] == '('))
      return true;
  }
  return false;
}

}  // namespace

int run_repl(Session& session) {
  bool tty = isatty(STDIN_FILENO);
  if (tty) {
    std::printf("lockvm 0.1.0 [policy %s] (Python 3.11 subset)\n", session.policy_name());
    std::printf("Type Ctrl-D to exit.\n");
    std::fflush(stdout);
  }
  using_history();
  std::string hist = history_path();
  read_history(hist.c_str());
  g_repl_session = &session;
  struct sigaction sa {}, old {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);

  std::string buffer;
  int status = 0;
  for (;;) {
    const char* prompt = buffer.empty() ? ">>> " : "... ";
    std::string text;
    LineStatus got = tty ? read_terminal_line(prompt, text) : read_piped_line(prompt, text);
    if (got == LineStatus::Interrupted) {  // Ctrl-C: drop the half-typed statement
      std::fputs("\nKeyboardInterrupt\n", stdout);
      std::fflush(stdout);
      buffer.clear();
      continue;
    }
    if (got == LineStatus::EndOfInput) {  // Ctrl-D
      if (tty) std::fputs("\n", stdout);
      break;
    }
    if (!text.empty() && text.find_first_not_of(" \t") != std::string::npos) add_history(text.c_str());
    buffer += text;
    buffer += '\n';
    // Inside a block, keep reading until an empty line.
    bool blank = text.find_first_not_of(" \t") == std::string::npos;
    if (needs_blank_line(buffer) && !blank) continue;
    int exit_code = 0;
    FeedResult r = session.feed(buffer, exit_code);
    if (r == FeedResult::Incomplete) {
      if (blank && buffer.find_first_not_of(" \t\n") == std::string::npos) buffer.clear();
      continue;
    }
    buffer.clear();
    std::fflush(stdout);
    if (r == FeedResult::Exit) {
      status = exit_code;
      break;
    }
  }
  write_history(hist.c_str());
  sigaction(SIGINT, &old, nullptr);
  g_repl_session = nullptr;
  return status;
}

}  // namespace lockvm
