# A bank simulation: accounts, transfers, interest, overdraft rules and a
# transaction log, with custom exceptions for every failure.

class BankError(Exception):
    pass

class InsufficientFunds(BankError):
    def __init__(self, account, amount):
        super().__init__(f"account {account.number} cannot pay {amount:.2f} (balance {account.balance:.2f})")
        self.account = account
        self.amount = amount

class AccountFrozen(BankError):
    pass

class UnknownAccount(BankError):
    pass


class Account:
    next_number = 1000

    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.frozen = False
        self.history = []
        self.number = Account.next_number
        Account.next_number += 1

    def _check(self, amount):
        if self.frozen:
            raise AccountFrozen(f"account {self.number} is frozen")
        if amount <= 0:
            raise ValueError(f"amount must be positive, got {amount}")

    def deposit(self, amount):
        self._check(amount)
        self.balance += amount
        self.history.append(("deposit", amount))

    def withdraw(self, amount):
        self._check(amount)
        if amount > self.available():
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("withdraw", amount))

    def available(self):
        return self.balance

    def month_end(self):
        pass

    def __repr__(self):
        return f"{type(self).__name__}(#{self.number}, {self.owner}, {self.balance:.2f})"


class Savings(Account):
    def __init__(self, owner, balance=0.0, rate=0.02):
        super().__init__(owner, balance)
        self.rate = rate

    def month_end(self):
        interest = round(self.balance * self.rate / 12, 2)
        if interest > 0:
            self.balance += interest
            self.history.append(("interest", interest))


class Checking(Account):
    def __init__(self, owner, balance=0.0, overdraft=100.0, fee=5.0):
        super().__init__(owner, balance)
        self.overdraft = overdraft
        self.fee = fee

    def available(self):
        return self.balance + self.overdraft

    def month_end(self):
        if self.balance < 0:
            self.balance -= self.fee
            self.history.append(("fee", self.fee))


class Bank:
    def __init__(self, name):
        self.name = name
        self.accounts = {}
        self.log = []

    def open(self, account):
        self.accounts[account.number] = account
        self.log.append(f"opened {account!r}")
        return account

    def get(self, number):
        try:
            return self.accounts[number]
        except KeyError:
            raise UnknownAccount(f"no account {number}") from None

    def transfer(self, src, dst, amount):
        a, b = self.get(src), self.get(dst)
        a.withdraw(amount)
        try:
            b.deposit(amount)
        except BankError:
            a.deposit(amount)  # roll back
            raise
        self.log.append(f"transfer {amount:.2f} {src}->{dst}")

    def month_end(self):
        for acct in self.accounts.values():
            acct.month_end()

    def total(self):
        return round(sum(a.balance for a in self.accounts.values()), 2)


bank = Bank("Test Bank")
alice = bank.open(Savings("alice", 1000.0, rate=0.03))
bob = bank.open(Checking("bob", 50.0))
carol = bank.open(Account("carol", 10.0))
print(bank.accounts)

operations = [
    ("transfer", 1000, 1001, 200.0),
    ("transfer", 1001, 1002, 300.0),
    ("transfer", 1001, 1002, 10.0),
    ("transfer", 1002, 1000, 500.0),
    ("transfer", 1000, 9999, 1.0),
    ("deposit", 1002, -5.0, None),
    ("freeze", 1002, None, None),
    ("transfer", 1000, 1002, 25.0),
    ("withdraw", 1000, 50.0, None),
]

for op in operations:
    kind = op[0]
    try:
        if kind == "transfer":
            bank.transfer(op[1], op[2], op[3])
        elif kind == "deposit":
            bank.get(op[1]).deposit(op[2])
        elif kind == "withdraw":
            bank.get(op[1]).withdraw(op[2])
        elif kind == "freeze":
            bank.get(op[1]).frozen = True
        print(f"ok    {op}")
    except InsufficientFunds as e:
        print(f"FAIL  {op}: insufficient: {e} (short by {e.amount - e.account.available():.2f})")
    except BankError as e:
        print(f"FAIL  {op}: {type(e).__name__}: {e}")
    except ValueError as e:
        print(f"FAIL  {op}: invalid: {e}")

for month in range(1, 4):
    bank.month_end()
    print(f"after month {month}:", [f"{a.balance:.2f}" for a in bank.accounts.values()], "total", bank.total())

for acct in bank.accounts.values():
    print(acct, acct.history)
print("\n".join(bank.log))
print(isinstance(bob, Account), issubclass(InsufficientFunds, BankError), bank.total() == round(sum(a.balance for a in [alice, bob, carol]), 2))
