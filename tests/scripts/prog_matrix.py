# A Matrix class with operator overloading: +, -, * (matrix and scalar),
# @-free multiplication via *, ** for integer powers, transpose, determinant,
# inverse with Fractions-by-hand (exact rationals), equality and pretty printing.


class Rational:
    """A tiny exact rational number type (so the inverse is exact)."""

    def __init__(self, num, den=1):
        if den == 0:
            raise ZeroDivisionError("zero denominator")
        if den < 0:
            num, den = -num, -den
        a, b = abs(num), den
        while b:
            a, b = b, a % b
        g = a or 1
        self.num, self.den = num // g, den // g

    @staticmethod
    def of(x):
        return x if isinstance(x, Rational) else Rational(x)

    def __add__(self, o):
        o = Rational.of(o)
        return Rational(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __sub__(self, o):
        o = Rational.of(o)
        return Rational(self.num * o.den - o.num * self.den, self.den * o.den)

    def __rsub__(self, o):
        return Rational.of(o) - self

    def __mul__(self, o):
        o = Rational.of(o)
        return Rational(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Rational.of(o)
        return Rational(self.num * o.den, self.den * o.num)

    def __neg__(self):
        return Rational(-self.num, self.den)

    def __eq__(self, o):
        o = Rational.of(o)
        return self.num == o.num and self.den == o.den

    def __repr__(self):
        return str(self.num) if self.den == 1 else f"{self.num}/{self.den}"


class Matrix:
    def __init__(self, rows):
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            raise ValueError("rows must be non-empty and of equal length")
        self.rows = [list(r) for r in rows]
        self.n, self.m = len(rows), len(rows[0])

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]

    def __eq__(self, other):
        return isinstance(other, Matrix) and self.rows == other.rows

    def __add__(self, other):
        self._same_shape(other)
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __sub__(self, other):
        self._same_shape(other)
        return Matrix([[a - b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, other.rows)])

    def __neg__(self):
        return self * -1

    def __mul__(self, other):
        if isinstance(other, Matrix):
            if self.m != other.n:
                raise ValueError(f"cannot multiply {self.n}x{self.m} by {other.n}x{other.m}")
            cols = other.transpose().rows
            return Matrix([[sum(a * b for a, b in zip(row, col)) for col in cols] for row in self.rows])
        return Matrix([[a * other for a in row] for row in self.rows])

    def __rmul__(self, k):
        return self * k

    def __pow__(self, k):
        result = Matrix.identity(self.n)
        base = self
        while k:
            if k & 1:
                result = result * base
            base = base * base
            k >>= 1
        return result

    def _same_shape(self, other):
        if (self.n, self.m) != (other.n, other.m):
            raise ValueError(f"shape mismatch: {self.n}x{self.m} vs {other.n}x{other.m}")

    def transpose(self):
        return Matrix([list(col) for col in zip(*self.rows)])

    def determinant(self):
        if self.n != self.m:
            raise ValueError("determinant of a non-square matrix")
        if self.n == 1:
            return self.rows[0][0]
        total = 0
        for j in range(self.m):
            minor = Matrix([row[:j] + row[j + 1:] for row in self.rows[1:]])
            total += (-1) ** j * self.rows[0][j] * minor.determinant()
        return total

    def inverse(self):
        n = self.n
        aug = [[Rational.of(x) for x in row] + [Rational(1 if i == j else 0) for j in range(n)]
               for i, row in enumerate(self.rows)]
        for col in range(n):
            pivot = next((r for r in range(col, n) if aug[r][col] != Rational(0)), None)
            if pivot is None:
                raise ValueError("matrix is singular")
            aug[col], aug[pivot] = aug[pivot], aug[col]
            p = aug[col][col]
            aug[col] = [x / p for x in aug[col]]
            for r in range(n):
                if r != col:
                    factor = aug[r][col]
                    aug[r] = [a - factor * b for a, b in zip(aug[r], aug[col])]
        return Matrix([row[n:] for row in aug])

    def __repr__(self):
        cells = [[repr(x) for x in row] for row in self.rows]
        width = max(len(c) for row in cells for c in row)
        return "\n".join("[" + " ".join(c.rjust(width) for c in row) + "]" for row in cells)


A = Matrix([[1, 2], [3, 4]])
B = Matrix([[0, 1], [1, 0]])
print(A + B, A - B, A * B, B * A, 2 * A, -A, sep="\n--\n")
print("A == A*I:", A == A * Matrix.identity(2), "A*B == B*A:", A * B == B * A)
print("det A =", A.determinant(), " det B =", B.determinant())
print("A^T =\n" + repr(A.transpose()))
fib = Matrix([[1, 1], [1, 0]]) ** 90
print("fib(90) via matrix power:", fib[0, 1])
C = Matrix([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
print("det C =", C.determinant())
Ci = C.inverse()
print("C^-1 =\n" + repr(Ci))
print("C * C^-1 == I:", C * Ci == Matrix.identity(3))
M = Matrix([[1, 2, 3], [4, 5, 6]])
print("M * M^T =\n" + repr(M * M.transpose()))
for bad in (lambda: A + M, lambda: M * M, lambda: Matrix([[1, 2], [2, 4]]).inverse(), lambda: Matrix([[1], [1, 2]]), lambda: M.determinant()):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
print(Rational(6, -8), Rational(1, 3) + Rational(1, 6), Rational(3) * Rational(1, 3), 1 - Rational(1, 4))
