"""The embedded broker of `make run` (portal/folder_broker.py): a worker never takes a message that
is still being written, so a task sent while the worker lists the folder is not lost."""

import json
from queue import Empty

import pytest
from kombu import Connection

from portal import folder_broker


@pytest.fixture
def connection(tmp_path):
    queue, control = tmp_path / "queue", tmp_path / "control"
    queue.mkdir()
    control.mkdir()
    options = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "control_folder": str(control),
        "store_processed": False,
    }
    with Connection(
        "filesystem://", transport="portal.folder_broker:Transport", transport_options=options
    ) as conn:
        yield conn


def test_a_reader_listing_the_folder_while_a_message_is_written_finds_nothing_then_the_whole_message(
    connection, monkeypatch
):
    writer, reader = connection.channel(), connection.channel()
    seen_while_writing = []

    def encode_and_look(payload):
        # The moment kombu's own transport has an empty file in the queue folder.
        try:
            seen_while_writing.append(reader._get("celery"))
        except Empty:
            seen_while_writing.append("nothing")
        return json.dumps(payload)

    monkeypatch.setattr(folder_broker, "dumps", encode_and_look)
    writer._put("celery", {"body": "ping"})

    assert seen_while_writing == ["nothing"]
    assert reader._get("celery") == {"body": "ping"}
    assert reader._size("celery") == 0


def test_messages_sent_through_the_transport_arrive_in_order_and_nothing_partial_is_left(
    connection, tmp_path
):
    queue = connection.SimpleQueue("jobs")
    for number in range(5):
        queue.put({"n": number})

    assert sorted(path.suffix for path in (tmp_path / "queue").iterdir()) == [".msg"] * 5
    received = []
    for _ in range(5):
        message = queue.get(timeout=1)
        received.append(message.payload["n"])
        message.ack()
    assert received == [0, 1, 2, 3, 4]
    queue.close()
