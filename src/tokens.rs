//! The tokenizer (nom): words, numbers, quotes, dashes and punctuation, with byte offsets.
//!
//! Tokens are small `Copy` values. Their lower-case forms are kept in one string per document
//! (no allocation per token).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char as ch, satisfy};
use nom::combinator::recognize;
use nom::multi::{many0, many1};
use nom::{IResult, Parser};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TokKind {
    Word,
    /// A dotted abbreviation such as "U.S." (the final period included).
    Dotted,
    Number,
    /// `'s` after a name.
    Possessive,
    /// A quotation mark; which way it faces is decided by the quote pass.
    Quote,
    Dash,
    Ellipsis,
    Punct,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokKind,
    /// Range of the lower-case form in [`Tokens::lower`].
    pub lo: u32,
    pub lo_end: u32,
    /// First character is upper case.
    pub cap: bool,
    /// Every letter is upper case (and there are at least two).
    pub upper: bool,
}

impl Token {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// All tokens of a document, in order.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    pub toks: Vec<Token>,
    pub lower: String,
}

impl Tokens {
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.toks[i];
        &self.lower[t.lo as usize..t.lo_end as usize]
    }

    #[inline]
    pub fn text<'a>(&self, src: &'a str, i: usize) -> &'a str {
        &src[self.toks[i].range()]
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// Is token `i` the single character `c`?
    #[inline]
    pub fn is_char(&self, i: usize, c: char) -> bool {
        let t = &self.toks[i];
        let s = &self.lower[t.lo as usize..t.lo_end as usize];
        let mut it = s.chars();
        it.next() == Some(c) && it.next().is_none()
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{00AD}' || ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‹'
            | '›'
            | '「'
            | '」'
    )
}

type R<'a, O> = IResult<&'a str, O>;

/// "U.S.", "a.m.", "S.A." — two or more letter-period pairs.
fn dotted(i: &str) -> R<'_, &str> {
    let (rest, s) =
        recognize(many1((satisfy(|c| c.is_alphabetic()), ch('.')))).parse_complete(i)?;
    if s.chars().filter(|&c| c == '.').count() >= 2 {
        Ok((rest, s))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// A word: letters, with inner hyphens or apostrophes ("sexta-feira", "d'Ávila").
fn word(i: &str) -> R<'_, &str> {
    recognize((
        satisfy(|c| c.is_alphabetic()),
        take_while(is_word_char),
        many0((
            satisfy(|c| matches!(c, '-' | '‐' | '\'' | '’')),
            take_while1(is_word_char),
        )),
    ))
    .parse_complete(i)
}

/// A number in either convention ("4.404", "4,404", "3,5", "2022"), with an ordinal suffix.
fn number(i: &str) -> R<'_, &str> {
    recognize((
        take_while1(|c: char| c.is_ascii_digit()),
        many0((
            satisfy(|c| matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}')),
            take_while1(|c: char| c.is_ascii_digit()),
        )),
        nom::combinator::opt(alt((
            tag(".º"),
            tag(".ª"),
            tag("º"),
            tag("ª"),
            tag("st"),
            tag("nd"),
            tag("rd"),
            tag("th"),
        ))),
    ))
    .parse_complete(i)
}

fn ellipsis(i: &str) -> R<'_, &str> {
    alt((tag("…"), tag("..."))).parse_complete(i)
}

fn dash(i: &str) -> R<'_, &str> {
    alt((tag("—"), tag("–"), tag("--"), tag("―"))).parse_complete(i)
}

fn one_char(i: &str) -> R<'_, &str> {
    recognize(satisfy(|_| true)).parse_complete(i)
}

/// Tokenize `text[start..end]`; offsets are absolute. Appends to `out`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Tokens) {
    let mut i = &text[start..end];
    let base = text.as_ptr() as usize;
    while !i.is_empty() {
        let c = i.chars().next().unwrap_or(' ');
        if c.is_whitespace() || c == '\u{feff}' {
            i = &i[c.len_utf8()..];
            continue;
        }
        let (rest, kind) = if c.is_ascii_digit() {
            match number(i) {
                Ok((r, _)) => (r, TokKind::Number),
                Err(_) => (&i[1..], TokKind::Punct),
            }
        } else if c.is_alphabetic() {
            if let Ok((r, _)) = dotted(i) {
                (r, TokKind::Dotted)
            } else if let Ok((r, w)) = word(i) {
                // Split a possessive 's off a word.
                let lw = w.len();
                if lw > 2 && (w.ends_with("'s") || w.ends_with("’s")) {
                    let cut = if w.ends_with("'s") { lw - 2 } else { lw - 4 };
                    let s = off(base, i);
                    push(text, out, s, s + cut, TokKind::Word);
                    push(text, out, s + cut, s + lw, TokKind::Possessive);
                    i = r;
                    continue;
                }
                (r, TokKind::Word)
            } else {
                (&i[c.len_utf8()..], TokKind::Punct)
            }
        } else if is_quote(c) {
            (&i[c.len_utf8()..], TokKind::Quote)
        } else if let Ok((r, _)) = ellipsis(i) {
            (r, TokKind::Ellipsis)
        } else if let Ok((r, _)) = dash(i) {
            (r, TokKind::Dash)
        } else {
            match one_char(i) {
                Ok((r, _)) => (r, TokKind::Punct),
                Err(_) => (&i[c.len_utf8()..], TokKind::Punct),
            }
        };
        let s = off(base, i);
        let e = off(base, rest);
        push(text, out, s, e, kind);
        i = rest;
    }
}

#[inline]
fn off(base: usize, s: &str) -> usize {
    s.as_ptr() as usize - base
}

fn push(text: &str, out: &mut Tokens, s: usize, e: usize, kind: TokKind) {
    let t = &text[s..e];
    let lo = out.lower.len();
    let mut cap = false;
    let mut letters = 0;
    let mut uppers = 0;
    for (n, c) in t.chars().enumerate() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                uppers += 1;
                if n == 0 {
                    cap = true;
                }
            }
        }
        if c.is_ascii() {
            out.lower.push(c.to_ascii_lowercase());
        } else if c == '’' {
            out.lower.push('\'');
        } else if c == '‐' {
            out.lower.push('-');
        } else {
            out.lower.extend(c.to_lowercase());
        }
    }
    out.toks.push(Token {
        start: s as u32,
        end: e as u32,
        kind,
        lo: lo as u32,
        lo_end: out.lower.len() as u32,
        cap,
        upper: letters >= 2 && uppers == letters,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(String, TokKind)> {
        let mut t = Tokens::default();
        tokenize_into(s, 0, s.len(), &mut t);
        t.toks
            .iter()
            .map(|k| (s[k.range()].to_string(), k.kind))
            .collect()
    }

    #[test]
    fn words_numbers_quotes() {
        let v = toks(
            "O ex-presidente, na sexta-feira, prendeu 4.404 “pessoas” (3,5%)... U.S. Kazakhstan’s",
        );
        let texts: Vec<&str> = v.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(
            texts,
            [
                "O",
                "ex-presidente",
                ",",
                "na",
                "sexta-feira",
                ",",
                "prendeu",
                "4.404",
                "“",
                "pessoas",
                "”",
                "(",
                "3,5",
                "%",
                ")",
                "...",
                "U.S.",
                "Kazakhstan",
                "’s"
            ]
        );
        assert_eq!(v[7].1, TokKind::Number);
        assert_eq!(v[8].1, TokKind::Quote);
        assert_eq!(v[16].1, TokKind::Dotted);
        assert_eq!(v[18].1, TokKind::Possessive);
    }

    #[test]
    fn lower_forms_and_caps() {
        let s = "Ministério do Interior KNB";
        let mut t = Tokens::default();
        tokenize_into(s, 0, s.len(), &mut t);
        assert_eq!(t.lower(0), "ministério");
        assert!(t.toks[0].cap);
        assert!(t.toks[3].upper);
        assert!(!t.toks[0].upper);
    }

    #[test]
    fn ordinals_and_trailing_period() {
        let v = toks("o 1.º lugar em 2022. 21st");
        let texts: Vec<&str> = v.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(texts, ["o", "1.º", "lugar", "em", "2022", ".", "21st"]);
    }
}
