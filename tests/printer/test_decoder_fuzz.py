"""The decoder takes whatever a host sends (the sim-server listens on TCP): it must
never raise, and feeding in chunks must give what feeding at once gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.printer.decoder import Parser, parse
from motcua.printer.paper import render_ops
from motcua.printer.sim import SimDevice

COMMANDISH = st.lists(
    st.one_of(
        st.binary(max_size=12),
        st.sampled_from(
            [b"\x1b@", b"\x1ba\x01", b"\x1d!\x33", b"\x10\x04\x01", b"\x1dV\x42\x00", b"\n",
             b"\x1dv0\x00\x01\x00\x02\x00\xff\x81", b"\x1d(k\x03\x001C\x05", b"\x1bJ\x10"]
        ),
    ),
    max_size=30,
).map(b"".join)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(data=COMMANDISH, cut=st.integers(min_value=1, max_value=7))
def test_parser_never_raises_and_is_chunk_independent(data, cut):
    whole = parse(data)
    parser = Parser()
    ops = []
    for i in range(0, len(data), cut):
        ops += parser.feed(data[i : i + cut])
    ops += parser.flush()
    assert ops == whole


@settings(max_examples=50, deadline=None)
@given(data=COMMANDISH)
def test_sim_device_and_renderer_take_anything(data):
    device = SimDevice(384)
    device.receive(data)
    device.end_of_input()
    for job in device.jobs:
        assert job.image().width == 384 + 32
    render_ops(parse(data), 384)
