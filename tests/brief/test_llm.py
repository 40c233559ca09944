"""LLM rewriting via a local OpenAI-compatible server: faithful rewrites kept, invented numbers refused."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from sqlalchemy import Engine

from sitroom.brief import LLMConfig, write_brief

Rewrite = Callable[[str], str]


class ChatServer:
    """A chat-completions endpoint on 127.0.0.1 whose answer is ``rewrite(sentence)``."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.rewrite = rewrite
        self.requests: list[dict[str, Any]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                owner.requests.append({"path": self.path, "body": body})
                prompt = body["messages"][-1]["content"]
                sentence = re.search(r"Sentence: (.*)\n", prompt).group(1)  # type: ignore[union-attr]
                message = {"role": "assistant", "content": owner.rewrite(sentence)}
                answer = {"choices": [{"index": 0, "message": message}]}
                payload = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"


@pytest.fixture()
def chat_server() -> Iterator[Callable[[Rewrite], ChatServer]]:
    started: list[ChatServer] = []

    def start(rewrite: Rewrite) -> ChatServer:
        server = ChatServer(rewrite)
        threading.Thread(target=server.server.serve_forever, daemon=True).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.server.shutdown()
        server.server.server_close()


def faithful(sentence: str) -> str:
    """Reword without changing facts: "struck" -> "hit", "imposed" -> "placed"."""
    return sentence.replace(" struck ", " hit ").replace(" imposed sanctions", " placed sanctions")


def inventive(sentence: str) -> str:
    """Reword and invent a figure for every sentence about Kramatorsk."""
    return re.sub(r"at least 10 were", "at least 57 were", sentence)


def test_faithful_rephrasing_is_accepted(
    corpus: Engine, chat_server: Callable[[Rewrite], ChatServer]
) -> None:
    server = chat_server(faithful)
    brief = write_brief(corpus, llm=LLMConfig(server.url, "test-model", timeout=5))
    assert brief.rewrites is not None
    assert brief.rewrites.rejected == [] and brief.rewrites.failed == []
    assert brief.rewrites.accepted == len(brief.sentences())
    assert "On 27 June, Russia hit Kramatorsk [1][2][3]; at least 10 were reported killed" in brief.markdown
    assert "the United States placed sanctions on the Wagner Group [4]." in brief.markdown
    assert server.requests[0]["path"] == "/v1/chat/completions"
    assert server.requests[0]["body"]["model"] == "test-model"


def test_rewrite_with_an_invented_number_is_rejected_and_the_original_kept(
    corpus: Engine, chat_server: Callable[[Rewrite], ChatServer]
) -> None:
    server = chat_server(inventive)
    brief = write_brief(corpus, llm=LLMConfig(server.url, "test-model", timeout=5))
    assert brief.rewrites is not None
    assert len(brief.rewrites.rejected) == 1
    assert "'57' is not in the cited evidence" in brief.rewrites.rejected[0]
    assert not any("57" in s.text for s in brief.sentences())
    assert (
        "On 27 June, Russia struck Kramatorsk [1][2][3]; at least 10 were reported killed" in brief.markdown
    )
    assert brief.rewrites.accepted == len(brief.sentences()) - 1


def test_unreachable_endpoint_keeps_every_sentence_and_reports_one_failure(corpus: Engine) -> None:
    plain = write_brief(corpus)
    brief = write_brief(corpus, llm=LLMConfig("http://127.0.0.1:9/v1", "test-model", timeout=2))
    assert brief.rewrites is not None and len(brief.rewrites.failed) == 1
    assert [s.text for s in brief.sentences()] == [s.text for s in plain.sentences()]
