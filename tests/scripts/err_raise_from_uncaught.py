# raise ... from ...: "The above exception was the direct cause of the following exception:".

class ParseError(Exception):
    pass

def parse_age(text):
    try:
        return int(text)
    except ValueError as e:
        raise ParseError(f"age must be a number, got {text!r}") from e

print(parse_age("41"))
print(parse_age("forty-two"))
