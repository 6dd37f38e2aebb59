"""Chinese for argparse's own words (usage, section titles, error messages).

argparse looks its messages up through ``argparse._`` (gettext) when it formats them; while
:func:`chinese` is active that lookup returns the Chinese text.  Messages without a
translation stay as argparse writes them.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值 %(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "至多接受一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "必须给出参数 %s 之一",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可用：%(choices)s）",
    "ignored explicit argument %r": "忽略了多余的参数值 %r",
}

_ORIGINAL = argparse._  # type: ignore[attr-defined]


def translate(message: str) -> str:
    found = MESSAGES.get(message)
    if found is not None:
        return found
    if message is None or not message.isascii():  # govlint's own (Chinese) titles: no catalogue has them
        return message
    return _ORIGINAL(message)  # (each gettext lookup searches the locale folders: only when needed)


@contextmanager
def chinese() -> Iterator[None]:
    previous = argparse._  # type: ignore[attr-defined]
    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = previous  # type: ignore[attr-defined]
