"""A clip as MP4 for the platform's upload: the same H.264 packets, no re-encoding."""

from __future__ import annotations

from pathlib import Path

import av


def remux_to_mp4(src: Path, dst: Path) -> int:
    """Copy the clip's video packets into an MP4 (moov first); the packets copied. A clip
    cut short by a crash gives what plays of it."""
    copied = 0
    with av.open(str(src)) as inp:
        ins = inp.streams.video[0]
        with av.open(str(dst), "w", format="mp4", options={"movflags": "+faststart"}) as out:
            outs = out.add_stream_from_template(ins)
            try:
                for packet in inp.demux(ins):
                    if packet.size == 0:
                        continue  # the demuxer's flush packet
                    if packet.dts is None:
                        packet.dts = packet.pts  # no B-frames (clip.ENCODER): decode order
                    packet.stream = outs
                    out.mux(packet)
                    copied += 1
            except av.FFmpegError:
                pass  # a truncated last cluster: what came before is kept
    return copied
