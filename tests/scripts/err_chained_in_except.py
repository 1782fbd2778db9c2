# An exception raised inside an except block: both tracebacks are printed,
# joined by "During handling of the above exception, another exception occurred:".

def load_config(settings):
    try:
        return settings["path"]
    except KeyError:
        return settings["fallback_path"].upper()

print("loading")
load_config({"other": 1})
