//! A small JSON highlighter for the editor: the text split into lines of typed tokens, each
//! token knowing the JSON path of the value it belongs to (so the editor can mark the lines of a
//! statement at fault). Best effort on text that is not (yet) valid JSON. Pure; the view renders
//! tokens as text nodes inside spans, never as HTML.

/// What a token is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Key,
    String,
    Number,
    Literal,
    Punctuation,
    Space,
    Other,
}

impl TokenKind {
    pub fn class(self) -> &'static str {
        match self {
            TokenKind::Key => "tok-key",
            TokenKind::String => "tok-string",
            TokenKind::Number => "tok-number",
            TokenKind::Literal => "tok-literal",
            TokenKind::Punctuation => "tok-punct",
            TokenKind::Space => "tok-space",
            TokenKind::Other => "tok-other",
        }
    }
}

/// One token: its kind, its text, and the JSON path (`$.A[0].B`) of the value it is part of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub text: String,
    pub path: String,
}

enum Frame {
    Object {
        path: String,
        key: Option<String>,
        expect_key: bool,
    },
    Array {
        path: String,
        index: usize,
    },
}

fn child_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => "$".to_owned(),
        Some(Frame::Object { path, key, .. }) => match key {
            Some(k) => format!("{path}.{k}"),
            None => path.clone(),
        },
        Some(Frame::Array { path, index }) => format!("{path}[{index}]"),
    }
}

fn frame_path(stack: &[Frame]) -> String {
    match stack.last() {
        None => "$".to_owned(),
        Some(Frame::Object { path, .. } | Frame::Array { path, .. }) => path.clone(),
    }
}

/// `text` as lines of tokens.
pub fn highlight(text: &str) -> Vec<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let take = |from: usize, to: usize| {
        chars
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .collect::<String>()
    };
    while let Some(&c) = chars.get(i) {
        let start = i;
        let (kind, path) = if c.is_whitespace() {
            while chars.get(i).is_some_and(|c| c.is_whitespace()) {
                i += 1;
            }
            (TokenKind::Space, frame_path(&stack))
        } else if c == '"' {
            i += 1;
            let mut escaped = false;
            while let Some(&d) = chars.get(i) {
                i += 1;
                match (escaped, d) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => break,
                    (false, '\n') => break,
                    _ => {}
                }
            }
            let literal = take(start, i);
            match stack.last_mut() {
                Some(Frame::Object {
                    path,
                    key,
                    expect_key,
                }) if *expect_key => {
                    let name: String =
                        serde_json::from_str(&literal).unwrap_or_else(|_| literal.clone());
                    let p = format!("{path}.{name}");
                    *key = Some(name);
                    *expect_key = false;
                    (TokenKind::Key, p)
                }
                _ => (TokenKind::String, child_path(&stack)),
            }
        } else if c == '-' || c.is_ascii_digit() {
            while chars
                .get(i)
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
            {
                i += 1;
            }
            (TokenKind::Number, child_path(&stack))
        } else if c.is_ascii_alphabetic() {
            while chars.get(i).is_some_and(char::is_ascii_alphanumeric) {
                i += 1;
            }
            let word = take(start, i);
            let kind = if matches!(word.as_str(), "true" | "false" | "null") {
                TokenKind::Literal
            } else {
                TokenKind::Other
            };
            (kind, child_path(&stack))
        } else {
            i += 1;
            let path = match c {
                '{' => {
                    let p = child_path(&stack);
                    stack.push(Frame::Object {
                        path: p.clone(),
                        key: None,
                        expect_key: true,
                    });
                    p
                }
                '[' => {
                    let p = child_path(&stack);
                    stack.push(Frame::Array {
                        path: p.clone(),
                        index: 0,
                    });
                    p
                }
                '}' | ']' => {
                    let p = frame_path(&stack);
                    stack.pop();
                    p
                }
                ',' => {
                    match stack.last_mut() {
                        Some(Frame::Array { index, .. }) => *index += 1,
                        Some(Frame::Object {
                            key, expect_key, ..
                        }) => {
                            *key = None;
                            *expect_key = true;
                        }
                        None => {}
                    }
                    frame_path(&stack)
                }
                ':' => child_path(&stack),
                _ => frame_path(&stack),
            };
            let kind = if "{}[],:".contains(c) {
                TokenKind::Punctuation
            } else {
                TokenKind::Other
            };
            (kind, path)
        };
        tokens.push(Token {
            kind,
            text: take(start, i),
            path,
        });
    }
    // Split into lines.
    let mut lines: Vec<Vec<Token>> = vec![Vec::new()];
    for token in tokens {
        let mut parts = token.text.split('\n').peekable();
        while let Some(part) = parts.next() {
            if !part.is_empty() {
                if let Some(line) = lines.last_mut() {
                    line.push(Token {
                        kind: token.kind,
                        text: part.to_owned(),
                        path: token.path.clone(),
                    });
                }
            }
            if parts.peek().is_some() {
                lines.push(Vec::new());
            }
        }
    }
    lines
}

/// Whether `path` is `prefix` or inside it (`$.A` contains `$.A.B` and `$.A[0]`, not `$.AB`).
pub fn path_within(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The statement index a diagnostic's location names (`Statement[2] (Sid "A").Effect` → 2).
pub fn statement_index(location: &str) -> Option<usize> {
    let after = location.split("Statement[").nth(1)?;
    after.split(']').next()?.parse().ok()
}
