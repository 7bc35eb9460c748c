"""Click's own words in Vietnamese, for both commands (`kiosk` takes this from here:
badges never imports kiosk). Click writes "Aborted!" on Ctrl+C and its usage errors
("Error: No such option", "Missing option", "Usage:") in English; the group class below
writes them in Vietnamese and leaves everything else (the commands, `--help`) to Click.

Ctrl+C ends with the shell's status 130, a question answered "no" with 1, a usage
error with Click's 2.
"""

import re
import sys

import click
from click import exceptions as errors

STOPPED = "Đã dừng."

# Click's messages about a value (types.py, parser.py, core.py), matched whole; anything
# not here is shown as Click wrote it rather than not at all.
PATH_KINDS = {"File": "tệp", "Directory": "thư mục", "Path": "đường dẫn"}
MESSAGES = [
    (r"(?P<v>.+) is not a valid integer\.", "{v} không phải là số nguyên."),
    (r"(?P<v>.+) is not a valid float\.", "{v} không phải là số."),
    (r"(?P<v>.+) is not a valid boolean\..*", "{v} không phải là có/không (true/false)."),
    (r"(?P<v>.+) is not in the range (?P<r>.+)\.", "{v} nằm ngoài khoảng {r}."),
    (r"(?P<v>.+) is not one of (?P<c>.+)\.", "{v} không phải là một trong {c}."),
    (r"(?P<v>.+) is not (?P<c>'[^']*')\.", "{v} không phải là {c}."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) does not exist\.", "không có {k} {f}."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) is a file\.", "{f} là tệp, không phải thư mục."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) is a directory\.",
     "{f} là thư mục, không phải tệp."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) is not readable\.", "không đọc được {k} {f}."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) is not writable\.", "không ghi được vào {k} {f}."),
    (r"(?P<k>File|Directory|Path) (?P<f>.+) is not executable\.", "không chạy được {k} {f}."),
    (r"Option (?P<o>'[^']*') requires an argument\.", "tùy chọn {o} cần một giá trị."),
    (r"Option (?P<o>'[^']*') requires (?P<n>\d+) arguments\.", "tùy chọn {o} cần {n} giá trị."),
    (r"Option (?P<o>'[^']*') does not take a value\.", "tùy chọn {o} không nhận giá trị."),
    (r"Argument (?P<o>'[^']*') takes (?P<n>\d+) values\.", "đối số {o} cần {n} giá trị."),
    (r"Got unexpected extra arguments? \((?P<a>.*)\)", "thừa đối số: {a}."),
    (r"Missing command\.", "thiếu tên lệnh."),
    (r"No such command (?P<c>'[^']*')\.", "không có lệnh {c}."),
    (r"No such option (?P<o>'[^']*')\.", "không có tùy chọn {o}."),
    (r"Could not open file (?P<f>'[^']*'): (?P<m>.*)", "không mở được tệp {f}: {m}"),
]


def words(message: str) -> str:
    """One of Click's messages in Vietnamese (as it was, when it is not one we know)."""
    for pattern, said in MESSAGES:
        found = re.fullmatch(pattern, message.strip(), re.DOTALL)
        if found:
            parts = found.groupdict()
            if "k" in parts:
                parts["k"] = PATH_KINDS[parts["k"]]
            return said.format(**parts)
    return message


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _maybe(possibilities) -> str:
    if not possibilities:
        return ""
    return f" Có phải ý bạn là {' hoặc '.join(possibilities)}?"


def explain(exc: errors.ClickException) -> str:
    """What went wrong, in Vietnamese, from the kind of error and what it carries."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, errors.NoSuchOption):
        return f"Không có tùy chọn '{exc.option_name}'.{_maybe(exc.possibilities)}"
    if hasattr(errors, "NoSuchCommand") and isinstance(exc, errors.NoSuchCommand):
        return f"Không có lệnh '{exc.command_name}'.{_maybe(exc.possibilities)}"
    if isinstance(exc, errors.MissingParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param and ctx
                                  else None)
        kind = exc.param_type or (exc.param.param_type_name if exc.param else None)
        what = {"argument": "đối số", "option": "tùy chọn"}.get(kind, "tham số")
        return f"Thiếu {what} {hint}." if hint else f"Thiếu {what}."
    if isinstance(exc, errors.BadParameter):
        hint = exc.param_hint or (exc.param.get_error_hint(ctx) if exc.param and ctx
                                  else None)
        said = words(exc.message)
        return f"Giá trị không hợp lệ cho {hint}: {said}" if hint else _sentence(said)
    if isinstance(exc, errors.FileError):
        return f"Không mở được tệp '{exc.ui_filename}': {exc.message}"
    return _sentence(words(exc.format_message()))


def usage_of(ctx: click.Context) -> str:
    """The usage line, in Vietnamese: 'Cách dùng: kiosk serve [TÙY CHỌN]'."""
    line = ctx.get_usage()
    line = re.sub(r"^Usage:", "Cách dùng:", line)
    return (line.replace("[OPTIONS]", "[TÙY CHỌN]").replace("COMMAND [ARGS]...",
                                                            "LỆNH [ĐỐI SỐ]..."))


def show(exc: errors.ClickException) -> None:
    """A usage error as Click shows one (usage, where the help is, the error), in
    Vietnamese; any other of Click's errors as its line."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, getattr(errors, "NoArgsIsHelpError", ())):  # a bare `kiosk`: help
        exc.show()
        return
    if isinstance(exc, errors.UsageError) and ctx is not None:
        click.echo(usage_of(ctx), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            names = ctx.command.get_help_option_names(ctx)
            click.echo(f"Xem '{ctx.command_path} {max(names, key=len)}' để biết cách dùng.",
                       err=True)
        click.echo(err=True)
    click.echo(f"Lỗi: {explain(exc)}", err=True)


class Group(click.Group):
    """A Click group that speaks Vietnamese when it stops or is used wrongly."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        if not standalone_mode:  # the caller handles Click's exceptions itself
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except errors.Abort as exc:
            click.echo(STOPPED, err=True)
            interrupted = isinstance(exc.__cause__ or exc.__context__, KeyboardInterrupt)
            sys.exit(130 if interrupted else 1)
        except errors.ClickException as exc:
            show(exc)
            sys.exit(exc.exit_code)
        # without standalone mode Click returns an Exit's status, or what the command
        # returned (these commands return nothing, or end with sys.exit themselves)
        sys.exit(result if isinstance(result, int) else 0)
