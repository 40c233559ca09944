"""Properties of the readers over generated input (hypothesis)."""

import json
import string
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document, document_id

WORDS = st.lists(
    st.text(alphabet=string.ascii_letters + "éüДж", min_size=1, max_size=8), min_size=1, max_size=12
)
SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\r\n", " \n "])
# One JSON Lines line: a report, a report with odd text (line separators, lone surrogates), or junk.
LINES = st.one_of(
    st.fixed_dictionaries({"text": st.text(max_size=20)}).map(json.dumps),
    st.builds(
        lambda text, ascii_only: json.dumps({"text": text}, ensure_ascii=ascii_only),
        st.text(alphabet="ab \u2028\u0085\ud800", max_size=8),
        st.booleans(),
    ),
    st.text(alphabet=string.printable.replace("\n", "").replace("\r", ""), min_size=1, max_size=20),
)


@settings(max_examples=40, deadline=None)
@given(words=WORDS, gaps=st.lists(SPACES, min_size=12, max_size=12), padding=SPACES)
def test_whitespace_never_changes_the_id_of_a_jsonl_report(
    words: list[str], gaps: list[str], padding: str
) -> None:
    spaced = padding + "".join(word + gap for word, gap in zip(words, gaps, strict=False))
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.jsonl"
        path.write_text(json.dumps({"text": spaced}) + "\n" + json.dumps({"text": " ".join(words)}) + "\n")
        first, second = read_path(path, max_bytes=100_000)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id == document_id(" ".join(words))
    assert first.text == first.text.strip() and "\r" not in first.text


@settings(max_examples=80, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=6))
def test_jsonl_gives_one_result_per_non_blank_line_and_one_line_errors(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "r.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", errors="surrogatepass"))
        results = list(read_path(path, max_bytes=100_000))
    if not "".join(lines).strip():
        assert [str(result) for result in results] == [f"{path}: empty file"]
        return
    assert len(results) == sum(1 for line in lines if line.strip())
    for result in results:
        assert isinstance(result, Document | InputError)
        if isinstance(result, InputError):
            assert "\n" not in str(result)
        else:
            assert result.text and result.text == result.text.strip()
