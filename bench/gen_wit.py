#!/usr/bin/env python3
"""Writes a large, varied, valid WIT package for parser benchmarks: every
kind of type definition, resources, doc comments, attributes, uses between
interfaces and worlds.

usage: gen_wit.py OUT_DIR [TARGET_MB]
"""
import os
import sys

out = sys.argv[1]
target = float(sys.argv[2]) if len(sys.argv) > 2 else 12.0
os.makedirs(out, exist_ok=True)

parts = ["/// A generated package for benchmarks.\npackage bench:gen@2.1.0;\n\n"]
size = len(parts[0])
i = 0
while size < target * 1e6:
    n = f"{i:06d}"
    prev = f"{i - 1:06d}"
    use = f"  use shapes-{prev}.{{shape-{prev}, canvas-{prev}}};\n" if i % 8 else ""
    text = f"""/// Shapes, number {n}.
@since(version = 2.0.0)
interface shapes-{n} {{
{use}  /// A point in the plane.
  record point-{n} {{
    /// Horizontal.
    x: f64,
    y: f64,
  }}

  variant shape-{n} {{
    circle(tuple<point-{n}, f64>),
    polygon(list<point-{n}>),
    empty,
  }}

  flags style-{n} {{ bold, italic, dashed }}
  enum unit-{n} {{ px, em, percent }}
  type id-{n} = u64;

  resource canvas-{n} {{
    constructor(width: u32, height: u32);
    draw: func(s: shape-{n}, style: style-{n}) -> result<id-{n}, string>;
    clear: func();
    @unstable(feature = export-{n})
    snapshot: static func(c: borrow<canvas-{n}>) -> list<u8>;
  }}

  area: func(s: shape-{n}) -> f64;
  bounds: func(shapes: list<shape-{n}>) -> option<tuple<point-{n}, point-{n}>>;
  stream-frames: async func(limit: u32) -> stream<list<u8>>;
  lookup: func(ids: list<id-{n}>) -> map<u64, option<string>>;
}}

world app-{n} {{
  import shapes-{n};
  import log-{n}: func(msg: string);
  export run: func(args: list<string>) -> result<_, error-context>;
}}

"""
    parts.append(text)
    size += len(text)
    i += 1
with open(os.path.join(out, "gen.wit"), "w") as f:
    f.write("".join(parts))
print(f"wrote {os.path.join(out, 'gen.wit')}: {size} bytes, {i} interfaces and worlds")
