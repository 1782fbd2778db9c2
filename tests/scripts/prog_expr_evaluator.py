# A tokenizer and recursive-descent evaluator for arithmetic expressions
# with variables, unary minus, exponentiation (right associative),
# parentheses, function calls and helpful error messages.
import math


class ExprError(Exception):
    pass


NUMBER, NAME, OP, LPAREN, RPAREN, COMMA, END = "NUMBER", "NAME", "OP", "(", ")", ",", "END"


def tokenize(text):
    tokens = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            start = i
            while i < len(text) and (text[i].isdigit() or text[i] == "."):
                i += 1
            literal = text[start:i]
            if literal.count(".") > 1:
                raise ExprError(f"bad number {literal!r} at {start}")
            tokens.append((NUMBER, float(literal) if "." in literal else int(literal), start))
        elif ch.isalpha() or ch == "_":
            start = i
            while i < len(text) and (text[i].isalnum() or text[i] == "_"):
                i += 1
            tokens.append((NAME, text[start:i], start))
        elif text.startswith("**", i):
            tokens.append((OP, "**", i))
            i += 2
        elif ch in "+-*/%^":
            tokens.append((OP, "**" if ch == "^" else ch, i))
            i += 1
        elif ch in "(),":
            tokens.append((ch, ch, i))
            i += 1
        else:
            raise ExprError(f"unexpected character {ch!r} at {i}")
    tokens.append((END, None, len(text)))
    return tokens


FUNCTIONS = {"sqrt": math.sqrt, "abs": abs, "max": max, "min": min, "floor": math.floor}


class Parser:
    def __init__(self, text, variables):
        self.tokens = tokenize(text)
        self.pos = 0
        self.vars = variables

    def peek(self):
        return self.tokens[self.pos]

    def take(self, kind=None, value=None):
        tok = self.tokens[self.pos]
        if kind is not None and tok[0] != kind:
            raise ExprError(f"expected {kind} at {tok[2]}, found {tok[1]!r}")
        if value is not None and tok[1] != value:
            raise ExprError(f"expected {value!r} at {tok[2]}")
        self.pos += 1
        return tok

    def parse(self):
        value = self.expr()
        if self.peek()[0] != END:
            tok = self.peek()
            raise ExprError(f"unexpected {tok[1]!r} at {tok[2]}")
        return value

    # expr := term (('+' | '-') term)*
    def expr(self):
        value = self.term()
        while self.peek()[0] == OP and self.peek()[1] in "+-":
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    # term := unary (('*' | '/' | '%') unary)*
    def term(self):
        value = self.unary()
        while self.peek()[0] == OP and self.peek()[1] in ("*", "/", "%"):
            op, pos = self.take()[1:]
            rhs = self.unary()
            if op == "*":
                value *= rhs
            else:
                if rhs == 0:
                    raise ExprError(f"division by zero at {pos}")
                value = value / rhs if op == "/" else value % rhs
        return value

    # unary := '-' unary | power
    def unary(self):
        if self.peek()[0] == OP and self.peek()[1] in "+-":
            op = self.take()[1]
            value = self.unary()
            return -value if op == "-" else value
        return self.power()

    # power := atom ('**' unary)?
    def power(self):
        base = self.atom()
        if self.peek()[0] == OP and self.peek()[1] == "**":
            self.take()
            return base ** self.unary()
        return base

    def atom(self):
        kind, value, pos = self.peek()
        if kind == NUMBER:
            self.take()
            return value
        if kind == NAME:
            self.take()
            if self.peek()[0] == LPAREN:
                self.take()
                args = []
                if self.peek()[0] != RPAREN:
                    args.append(self.expr())
                    while self.peek()[0] == COMMA:
                        self.take()
                        args.append(self.expr())
                self.take(RPAREN)
                if value not in FUNCTIONS:
                    raise ExprError(f"unknown function {value!r}")
                return FUNCTIONS[value](*args)
            if value not in self.vars:
                raise ExprError(f"unknown variable {value!r} at {pos}")
            return self.vars[value]
        if kind == LPAREN:
            self.take()
            inner = self.expr()
            self.take(RPAREN)
            return inner
        raise ExprError(f"unexpected {value!r} at {pos}" if value is not None else "unexpected end of input")


def evaluate(text, **variables):
    return Parser(text, variables).parse()


print(tokenize("3 + 4*(2 - x)"))
cases = [
    "1 + 2 * 3", "(1 + 2) * 3", "2 ** 3 ** 2", "-2 ** 2", "(-2) ** 2", "10 / 4", "10 % 4 + 7 % 3",
    "2 ^ 10", "sqrt(16) + abs(-3)", "max(1, 2 * 5, 7) - min(4, 2)", "x * x + y", "--3", "1.5 * 4",
    "floor(7 / 2) * (x - y)", "2 * (3 + (4 - (5 * (6 - 7))))", "100", "rate * 12 / 100",
    "1 +", "(1 + 2", "1 + 2)", "4 / (2 - 2)", "3 $ 4", "foo(1)", "z + 1", "1.2.3 + 1", "", "2 3",
]
for text in cases:
    try:
        result = evaluate(text, x=3, y=4, rate=5)
        print(f"{text!r:34} = {result!r}")
    except ExprError as e:
        print(f"{text!r:34} ! {e}")

for a, b in [(1, 2), (10, -3), (0.5, 0.25)]:
    print(evaluate("a*a + 2*a*b + b*b", a=a, b=b) == (a + b) ** 2)
