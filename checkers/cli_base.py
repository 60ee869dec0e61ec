"""What both command lines share: usage errors (exit 2) and an argparse that speaks Chinese."""

from __future__ import annotations

import argparse
from typing import NoReturn

ARGPARSE_WORDS = (  # argparse's English messages, in Chinese
    ("the following arguments are required", "缺少必需的参数"), ("unrecognized arguments", "无法识别的参数"),
    ("expected one argument", "需要一个参数值"), ("invalid choice", "无效的命令"), ("choose from", "可选"),
)


class Usage(Exception):
    """A usage error: the message is printed and the command exits with ``code`` (2 by default)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.message, self.code = message, code


class Parser(argparse.ArgumentParser):
    """argparse that raises Usage instead of exiting, with its messages in Chinese."""

    def error(self, message: str) -> NoReturn:
        for english, chinese in ARGPARSE_WORDS:
            message = message.replace(english, chinese)
        raise Usage(f"{self.format_usage()}参数错误：{message}")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise Usage(message or "", status)
