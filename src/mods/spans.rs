//! The shape of a RON text with the byte span of every value: what patches navigate and splice.
//! Only the structure is read (brackets, fields, map entries, list items); numbers, strings and
//! names are kept as text, typed later by the file's own loader.

/// Deepest nesting of brackets read (deeper input is refused, not recursed into).
pub const MAX_DEPTH: usize = 128;

/// One value of a RON text: `start..end` is its byte span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A number, string, character, `true`/`false` or a bare name (`Soviet`, `None`).
    Atom,
    /// `(a: 1, b: 2)`, possibly named: `Unit(a: 1)`. `close` is the offset of `)`.
    Struct { fields: Vec<Field>, close: usize },
    /// `(1, 2)`, `Some(x)`, `Place("Nomonhan")`, `()`: `name` is the name before `(` if any.
    Tuple {
        name: Option<String>,
        items: Vec<Node>,
        close: usize,
    },
    /// `[a, b]`. `close` is the offset of `]`.
    Seq { items: Vec<Node>, close: usize },
    /// `{k: v}`. `close` is the offset of `}`.
    Map { entries: Vec<Entry>, close: usize },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// Offset of the field's name.
    pub at: usize,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// Where and why a text could not be read as RON.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanError {
    pub at: usize,
    pub message: String,
}

/// Reads the one value of a whole RON text (after any `#![enable(...)]` lines).
pub fn parse(text: &str) -> Result<Node, SpanError> {
    let mut p = Parser { s: text, i: 0 };
    p.skip_ws()?;
    while p.s[p.i..].starts_with("#!") {
        let close = p.s[p.i..]
            .find(']')
            .ok_or_else(|| p.err("`#![` without `]`"))?;
        p.i += close + 1;
        p.skip_ws()?;
    }
    let v = p.value(0)?;
    p.skip_ws()?;
    if p.i < p.s.len() {
        return Err(p.err("text after the end of the value"));
    }
    Ok(v)
}

/// The string a string atom stands for (`"BT-7"` → `BT-7`), escapes read; `None` for other atoms.
pub fn string_value(text: &str, node: &Node) -> Option<String> {
    if node.kind != Kind::Atom {
        return None;
    }
    let t = &text[node.start..node.end];
    if let Some(inner) = t.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next()? {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                'u' => {
                    let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                other => out.push(other),
            }
        }
        return Some(out);
    }
    let raw = t.strip_prefix('r')?;
    let hashes = raw.len() - raw.trim_start_matches('#').len();
    raw[hashes..]
        .strip_prefix('"')?
        .strip_suffix(&format!("\"{}", "#".repeat(hashes)))
        .map(str::to_string)
}

impl Node {
    /// The field `name` of a struct.
    pub fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            Kind::Struct { fields, .. } => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn err(&self, message: &str) -> SpanError {
        SpanError {
            at: self.i.min(self.s.len()),
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    /// Skips white space and `//` and (nested) `/* */` comments.
    fn skip_ws(&mut self) -> Result<(), SpanError> {
        let b = self.s.as_bytes();
        loop {
            while self.i < b.len() && b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
            if b[self.i..].starts_with(b"//") {
                self.i = self.s[self.i..]
                    .find('\n')
                    .map_or(b.len(), |n| self.i + n + 1);
            } else if b[self.i..].starts_with(b"/*") {
                let start = self.i;
                let mut depth = 0usize;
                while self.i < b.len() {
                    if b[self.i..].starts_with(b"/*") {
                        depth += 1;
                        self.i += 2;
                    } else if b[self.i..].starts_with(b"*/") {
                        depth -= 1;
                        self.i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        self.i += 1;
                    }
                }
                if depth > 0 {
                    self.i = start;
                    return Err(self.err("a `/*` comment that is never closed"));
                }
            } else {
                return Ok(());
            }
        }
    }

    fn ident(&mut self) -> Option<String> {
        let b = self.s.as_bytes();
        let start = self.i;
        let mut j = self.i;
        if b[j..].starts_with(b"r#") && b.get(j + 2).is_some_and(|c| is_ident_start(*c)) {
            j += 2;
        }
        if !b.get(j).is_some_and(|c| is_ident_start(*c)) {
            return None;
        }
        while b
            .get(j)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
        {
            j += 1;
        }
        self.i = j;
        Some(self.s[start..j].trim_start_matches("r#").to_string())
    }

    fn value(&mut self, depth: usize) -> Result<Node, SpanError> {
        if depth > MAX_DEPTH {
            return Err(self.err(&format!(
                "values nested more than {MAX_DEPTH} deep; the game reads at most that"
            )));
        }
        self.skip_ws()?;
        let start = self.i;
        let Some(c) = self.peek() else {
            return Err(self.err("the text ends where a value was expected"));
        };
        match c {
            b'(' => self.group(start, None, depth),
            b'[' => {
                self.i += 1;
                let (items, close) = self.items(b']', depth)?;
                Ok(Node {
                    start,
                    end: self.i,
                    kind: Kind::Seq { items, close },
                })
            }
            b'{' => self.map(start, depth),
            b'"' => self.string(start),
            b'\'' => self.char_lit(start),
            b'r' if matches!(self.s.as_bytes().get(self.i + 1), Some(b'"' | b'#'))
                && self.s[self.i + 1..]
                    .trim_start_matches('#')
                    .starts_with('"') =>
            {
                self.raw_string(start)
            }
            b'b' if self.s.as_bytes().get(self.i + 1) == Some(&b'"') => {
                self.i += 1;
                let mut n = self.string(self.i)?;
                n.start = start;
                Ok(n)
            }
            _ => {
                if let Some(name) = self.ident() {
                    let after = self.i;
                    self.skip_ws()?;
                    if self.peek() == Some(b'(') {
                        return self.group(start, Some(name), depth);
                    }
                    self.i = after;
                    return Ok(Node {
                        start,
                        end: after,
                        kind: Kind::Atom,
                    });
                }
                let b = self.s.as_bytes();
                while self.i < b.len()
                    && (b[self.i].is_ascii_alphanumeric() || b"+-._".contains(&b[self.i]))
                {
                    self.i += 1;
                }
                if self.i == start {
                    return Err(self.err(&format!(
                        "`{}` cannot start a value",
                        self.s[start..].chars().next().unwrap_or(' ')
                    )));
                }
                Ok(Node {
                    start,
                    end: self.i,
                    kind: Kind::Atom,
                })
            }
        }
    }

    fn string(&mut self, start: usize) -> Result<Node, SpanError> {
        let b = self.s.as_bytes();
        self.i += 1;
        while self.i < b.len() {
            match b[self.i] {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Ok(Node {
                        start,
                        end: self.i,
                        kind: Kind::Atom,
                    });
                }
                _ => self.i += 1,
            }
        }
        self.i = start;
        Err(self.err("a string that is never closed"))
    }

    fn raw_string(&mut self, start: usize) -> Result<Node, SpanError> {
        let rest = &self.s[self.i + 1..];
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let close = format!("\"{}", "#".repeat(hashes));
        let body = self.i + 1 + hashes + 1;
        match self.s[body..].find(&close) {
            Some(n) => {
                self.i = body + n + close.len();
                Ok(Node {
                    start,
                    end: self.i,
                    kind: Kind::Atom,
                })
            }
            None => Err(self.err("a raw string that is never closed")),
        }
    }

    fn char_lit(&mut self, start: usize) -> Result<Node, SpanError> {
        let b = self.s.as_bytes();
        self.i += 1;
        while self.i < b.len() && b[self.i] != b'\'' {
            self.i += if b[self.i] == b'\\' { 2 } else { 1 };
        }
        if self.i >= b.len() {
            self.i = start;
            return Err(self.err("a character that is never closed"));
        }
        self.i += 1;
        Ok(Node {
            start,
            end: self.i,
            kind: Kind::Atom,
        })
    }

    /// `( … )` after an optional name: fields when the first item is `name:`, else items.
    fn group(
        &mut self,
        start: usize,
        name: Option<String>,
        depth: usize,
    ) -> Result<Node, SpanError> {
        self.i += 1;
        self.skip_ws()?;
        let save = self.i;
        let is_struct = self.ident().is_some() && {
            self.skip_ws()?;
            self.peek() == Some(b':') && self.s.as_bytes().get(self.i + 1) != Some(&b':')
        };
        self.i = save;
        if !is_struct {
            let (items, close) = self.items(b')', depth)?;
            return Ok(Node {
                start,
                end: self.i,
                kind: Kind::Tuple { name, items, close },
            });
        }
        let mut fields = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b')') {
                let close = self.i;
                self.i += 1;
                return Ok(Node {
                    start,
                    end: self.i,
                    kind: Kind::Struct { fields, close },
                });
            }
            let at = self.i;
            let Some(fname) = self.ident() else {
                return Err(self.err("expected a field name or `)`"));
            };
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.err(&format!("expected `:` after the field name `{fname}`")));
            }
            self.i += 1;
            let value = self.value(depth + 1)?;
            fields.push(Field {
                name: fname,
                at,
                value,
            });
            self.separator(b')')?;
        }
    }

    /// Items up to `close`; returns them and the offset of the closing bracket.
    fn items(&mut self, close: u8, depth: usize) -> Result<(Vec<Node>, usize), SpanError> {
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(close) {
                let at = self.i;
                self.i += 1;
                return Ok((items, at));
            }
            items.push(self.value(depth + 1)?);
            self.separator(close)?;
        }
    }

    fn map(&mut self, start: usize, depth: usize) -> Result<Node, SpanError> {
        self.i += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            if self.peek() == Some(b'}') {
                let close = self.i;
                self.i += 1;
                return Ok(Node {
                    start,
                    end: self.i,
                    kind: Kind::Map { entries, close },
                });
            }
            let key = self.value(depth + 1)?;
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.err("expected `:` after a map key"));
            }
            self.i += 1;
            let value = self.value(depth + 1)?;
            entries.push(Entry { key, value });
            self.separator(b'}')?;
        }
    }

    /// After an item: `,` or the closing bracket (left for the caller).
    fn separator(&mut self, close: u8) -> Result<(), SpanError> {
        self.skip_ws()?;
        match self.peek() {
            Some(b',') => {
                self.i += 1;
                Ok(())
            }
            Some(c) if c == close => Ok(()),
            None => Err(self.err(&format!("the text ends before `{}`", close as char))),
            _ => Err(self.err(&format!("expected `,` or `{}`", close as char))),
        }
    }
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_structs_maps_lists_and_names() {
        let t = r##"// c
(
    id: "a", /* x /* y */ */ n: 3,
    m: {"BT-7": (soft: 4.0), "b": 1},
    l: [(id: "u1", at: Place("Remizov")), (id: "u2", at: At(1.0, -2.5e3))],
    o: Some(r#"raw"#), w: None, e: (),
)"##;
        let n = parse(t).unwrap();
        let m = &n.field("m").unwrap().value;
        let Kind::Map { entries, .. } = &m.kind else {
            panic!()
        };
        assert_eq!(string_value(t, &entries[0].key).as_deref(), Some("BT-7"));
        let l = &n.field("l").unwrap().value;
        let Kind::Seq { items, .. } = &l.kind else {
            panic!()
        };
        let at = &items[1].field("at").unwrap().value;
        assert_eq!(&t[at.start..at.end], "At(1.0, -2.5e3)");
        assert!(
            matches!(&at.kind, Kind::Tuple { name: Some(n), items, .. } if n == "At" && items.len() == 2)
        );
        let o = &n.field("o").unwrap().value;
        let Kind::Tuple { items, .. } = &o.kind else {
            panic!()
        };
        assert_eq!(string_value(t, &items[0]).as_deref(), Some("raw"));
        assert_eq!(
            &t[n.field("e").unwrap().value.start..n.field("e").unwrap().value.end],
            "()"
        );
    }

    #[test]
    fn refuses_broken_text_at_its_place() {
        for (t, at) in [
            ("(a: 1 b: 2)", 6),
            ("[1, 2", 5),
            ("(a: \"x)", 4),
            ("(a: 1) x", 7),
        ] {
            let e = parse(t).unwrap_err();
            assert_eq!(e.at, at, "{t}: {e:?}");
        }
        let deep = "[".repeat(1000);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }
}
