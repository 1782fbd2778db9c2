#include "runtime/repl.hpp"

#include <editline/readline.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace lockvm {

namespace {

sigjmp_buf g_prompt_jump;
volatile sig_atomic_t g_at_prompt = 0;
Session* g_repl_session = nullptr;

// Ctrl-C: at the prompt it abandons the line being typed; while code runs it
// asks the interpreter to raise KeyboardInterrupt at its next check.
void on_sigint(int) {
  if (g_at_prompt) {
    g_at_prompt = 0;
    siglongjmp(g_prompt_jump, 1);
  }
  if (g_repl_session) g_repl_session->interrupt();
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
    if (sigsetjmp(g_prompt_jump, 1)) {
      std::fputs("\nKeyboardInterrupt\n", stdout);
      std::fflush(stdout);
      buffer.clear();
      rl_reset_terminal(nullptr);
    }
    const char* prompt = buffer.empty() ? ">>> " : "... ";
    g_at_prompt = 1;
    char* line = readline(prompt);
    g_at_prompt = 0;
    if (!line) {  // Ctrl-D
      if (tty) std::fputs("\n", stdout);
      break;
    }
    std::string text = line;
    std::free(line);
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
