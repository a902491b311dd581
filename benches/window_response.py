#!/usr/bin/env python3
"""How quickly the game window answers, measured from outside it, as a player sees it.

Run against a game already open on an X display (see the README's "Performance"):

    python3 benches/window_response.py --click X Y [--trials 20] [--seconds 5]

It finds the window named "Khalkhin Gol", sizes it to 1280x800, and then, through the X server
alone (XTest to press, XGetImage to look, libX11 and libXtst by ctypes, nothing to install):

* click latency: a left click on the pixel (X, Y) of the window (put a unit there), then a right
  click (deselect), each timed from the moment the click reaches the X server to the first change
  of the pixels within 60 of the click (the ring round the selected unit's hex); median and worst
  of the trials;
* frames a second while the map scrolls: the right and left arrow keys held in turn, a second
  each, for --seconds, counting how often a strip across the middle of the window changes.

It looks at the window every millisecond, not in a tight loop: a loop of XGetImage takes a core of
the two from the game (and Xvfb) and made the figures it measured worse than a player sees.

Only the standard library; exits 2 when no display or window is found.
"""

import argparse
import ctypes
import ctypes.util
import statistics
import subprocess
import sys
import time

WIDTH, HEIGHT = 1280, 800
ZPIXMAP = 2
ALL_PLANES = 0xFFFFFFFF
XK_RIGHT = 0xFF53
XK_LEFT = 0xFF51


def libs():
    x11 = ctypes.util.find_library("X11")
    xtst = ctypes.util.find_library("Xtst")
    if not x11 or not xtst:
        sys.exit("libX11 or libXtst not found")
    x, t = ctypes.CDLL(x11), ctypes.CDLL(xtst)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XGetImage.restype = ctypes.c_void_p
    x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                            ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
    x.XKeysymToKeycode.restype = ctypes.c_ubyte
    for f in ("XTestFakeButtonEvent", "XTestFakeKeyEvent"):
        getattr(t, f).argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    t.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                       ctypes.c_ulong]
    return x, t


class XImage(ctypes.Structure):
    # The leading fields of Xlib's XImage, enough to read the pixels and free the image.
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.POINTER(ctypes.c_char)),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int), ("red_mask", ctypes.c_ulong),
                ("green_mask", ctypes.c_ulong), ("blue_mask", ctypes.c_ulong),
                ("obdata", ctypes.c_char_p),
                ("f_create_image", ctypes.c_void_p),
                ("f_destroy_image", ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p))]


def grab(x, dpy, win, rect):
    """The pixels of `rect` (x, y, w, h) of the window, as bytes."""
    ptr = x.XGetImage(dpy, win, rect[0], rect[1], rect[2], rect[3], ALL_PLANES, ZPIXMAP)
    if not ptr:
        sys.exit("XGetImage failed (is the window on screen?)")
    img = XImage.from_address(ptr)
    data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
    img.f_destroy_image(ptr)
    return data


# Seconds between two looks at the window: short against a frame, long enough that looking does not
# take the processor from the game (a tight loop of XGetImage costs Xvfb and Python a core of two).
POLL = 0.001


def wait_change(x, dpy, win, rect, before, limit=5.0):
    """Seconds until the pixels of `rect` differ from `before` (None past `limit`)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if grab(x, dpy, win, rect) != before:
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--click", nargs=2, type=int, required=True, metavar=("X", "Y"),
                    help="window pixel of a unit of the side to move")
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=5.0,
                    help="seconds of scrolling to count frames over (0: no scrolling)")
    a = ap.parse_args()
    x, t = libs()
    dpy = x.XOpenDisplay(None)
    if not dpy:
        print("no X display", file=sys.stderr)
        sys.exit(2)
    found = subprocess.run(["xdotool", "search", "--name", "Khalkhin"], capture_output=True,
                           text=True).stdout.split()
    if not found:
        print("no Khalkhin Gol window", file=sys.stderr)
        sys.exit(2)
    win = int(found[0])
    subprocess.run(["xdotool", "windowsize", str(win), str(WIDTH), str(HEIGHT)], check=True)
    subprocess.run(["xdotool", "windowmove", str(win), "0", "0"], check=True)
    subprocess.run(["xdotool", "windowfocus", "--sync", str(win)], check=False)
    time.sleep(2.0)
    # Where a click shows first: the ring round the selected unit's hex, under the pointer.
    near = (max(0, a.click[0] - 60), max(0, a.click[1] - 60), 120, 120)

    def click(button):
        t.XTestFakeMotionEvent(dpy, -1, a.click[0], a.click[1], 0)
        x.XFlush(dpy)
        time.sleep(0.3)
        x.XSync(dpy, 0)
        before = grab(x, dpy, win, near)
        t.XTestFakeButtonEvent(dpy, button, 1, 0)
        t.XTestFakeButtonEvent(dpy, button, 0, 0)
        x.XFlush(dpy)
        took = wait_change(x, dpy, win, near, before)
        time.sleep(0.5)
        return took

    lat = {"select (left click)": [], "deselect (right click)": []}
    for _ in range(a.trials):
        lat["select (left click)"].append(click(1))
        lat["deselect (right click)"].append(click(3))
    for what, got in lat.items():
        ok = [s * 1000 for s in got if s is not None]
        missed = len(got) - len(ok)
        if ok:
            print(f"click latency, {what}: median {statistics.median(ok):.0f} ms, "
                  f"worst {max(ok):.0f} ms over {len(ok)} clicks"
                  + (f" ({missed} showed no change)" if missed else "")
                  + "; in order: "
                  + " ".join("-" if s is None else f"{s * 1000:.0f}" for s in got))
        else:
            print(f"click latency, {what}: no change seen in {len(got)} clicks")

    if a.seconds <= 0:
        return
    # A strip the width of the window through its middle: some of the map is in it wherever the
    # scroll has taken it (a patch in the middle showed bare background, or one flat steppe
    # colour, for whole seconds, and its frames went uncounted).
    patch = (0, HEIGHT // 2 - 20, WIDTH, 40)
    keys = [x.XKeysymToKeycode(dpy, XK_RIGHT), x.XKeysymToKeycode(dpy, XK_LEFT)]
    frames, looks, last = 0, 0, grab(x, dpy, win, patch)
    start = time.perf_counter()
    held = None
    while time.perf_counter() - start < a.seconds:
        want = keys[int(time.perf_counter() - start) % 2]
        if want != held:
            if held is not None:
                t.XTestFakeKeyEvent(dpy, held, 0, 0)
            t.XTestFakeKeyEvent(dpy, want, 1, 0)
            x.XFlush(dpy)
            held = want
        now = grab(x, dpy, win, patch)
        looks += 1
        if now != last:
            frames += 1
            last = now
        time.sleep(POLL)
    took = time.perf_counter() - start
    t.XTestFakeKeyEvent(dpy, held, 0, 0)
    x.XFlush(dpy)
    print(f"scrolling the map at {WIDTH}x{HEIGHT}: {frames / took:.1f} frames a second "
          f"({frames} frames in {took:.1f} s, {looks} looks)")


if __name__ == "__main__":
    main()
