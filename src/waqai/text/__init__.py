"""The Arabic text layer: decoding, the matching form, sentences, tokens and clitics."""

from waqai.text.decode import Decoded, decode
from waqai.text.normalize import MatchText, normalize
from waqai.text.segment import split_sentences
from waqai.text.tokenize import Analysis, Segment, Token, clitic_analyses, segments, tokenize

__all__ = [
    "Analysis",
    "Decoded",
    "MatchText",
    "Segment",
    "Token",
    "clitic_analyses",
    "decode",
    "normalize",
    "segments",
    "split_sentences",
    "tokenize",
]
