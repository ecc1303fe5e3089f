//! The tokenizer: words, numbers, quotes, dashes and punctuation, with byte offsets.
//!
//! Tokens are small `Copy` values. Their lower-case forms are kept in one string per document
//! (no allocation per token): a lower-cased copy of the text, where an ASCII token's form is
//! its own range.

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
    /// Each tokenized block with its ASCII letters lowered, followed by the forms of its
    /// tokens with other characters; token `i`'s form is its `lo..lo_end`.
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

/// The character at byte `at` of `s` and its length (ASCII without decoding).
#[inline(always)]
fn char_at(s: &str, at: usize) -> Option<(char, usize)> {
    let &b = s.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = s[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

/// The end of the run of word characters from byte `at`.
#[inline]
fn word_chars_end(s: &str, mut at: usize) -> usize {
    let b = s.as_bytes();
    loop {
        // ASCII letters and digits without decoding; anything else through the char test
        while at < b.len() && b[at].is_ascii_alphanumeric() {
            at += 1;
        }
        match char_at(s, at) {
            Some((c, l)) if !c.is_ascii() && is_word_char(c) => at += l,
            _ => return at,
        }
    }
}

/// The end of the run of ASCII digits from byte `at`.
#[inline]
fn digits_end(s: &str, mut at: usize) -> usize {
    let b = s.as_bytes();
    while at < b.len() && b[at].is_ascii_digit() {
        at += 1;
    }
    at
}

/// "U.S.", "a.m.", "S.A." — two or more letter-period pairs: the end of the pairs from `at`.
fn dotted(s: &str, at: usize) -> Option<usize> {
    let mut e = at;
    let mut pairs = 0;
    while let Some((c, l)) = char_at(s, e) {
        if !(c.is_alphabetic() && s.as_bytes().get(e + l) == Some(&b'.')) {
            break;
        }
        e += l + 1;
        pairs += 1;
    }
    (pairs >= 2).then_some(e)
}

/// A word from `at` (which holds a letter): letters, with inner hyphens or apostrophes
/// ("sexta-feira", "d'Ávila"). Returns its end.
fn word(s: &str, at: usize) -> usize {
    let l = char_at(s, at).map_or(1, |(_, l)| l);
    let mut e = word_chars_end(s, at + l);
    while let Some((c, l)) = char_at(s, e) {
        if !matches!(c, '-' | '‐' | '\'' | '’') {
            break;
        }
        let after = word_chars_end(s, e + l);
        if after == e + l {
            break;
        }
        e = after;
    }
    e
}

/// A number in either convention ("4.404", "4,404", "3,5", "2022"), with an ordinal suffix,
/// from `at` (which holds a digit). Returns its end.
fn number(s: &str, at: usize) -> usize {
    let mut e = digits_end(s, at);
    while let Some((c, l)) = char_at(s, e) {
        if !matches!(c, '.' | ',' | '\u{a0}' | '\u{202f}') {
            break;
        }
        let after = digits_end(s, e + l);
        if after == e + l {
            break;
        }
        e = after;
    }
    let rest = &s[e..];
    for suffix in [".º", ".ª", "º", "ª", "st", "nd", "rd", "th"] {
        if rest.starts_with(suffix) {
            return e + suffix.len();
        }
    }
    e
}

/// Tokenize `text[start..end]`; offsets are absolute. Appends to `out`.
pub fn tokenize_into(text: &str, start: usize, end: usize, out: &mut Tokens) {
    // the lower-case forms: the text with its ASCII letters lowered, copied in one pass; an
    // ASCII token's form is its own range of that copy (most tokens: nothing more to write),
    // another token's form is written after it
    let base = out.lower.len();
    out.lower.push_str(&text[start..end]);
    out.lower[base..].make_ascii_lowercase();
    let copy_at = |at: usize| base + (at - start);
    // room at once for the tokens (news prose has about one in five bytes)
    out.toks.reserve(end.saturating_sub(start) / 5);
    let s = &text[..end];
    let mut at = start;
    while let Some((c, l)) = char_at(s, at) {
        if c.is_whitespace() || c == '\u{feff}' {
            at += l;
            continue;
        }
        let (e, kind) = if c.is_ascii_digit() {
            (number(s, at), TokKind::Number)
        } else if c.is_alphabetic() {
            if let Some(e) = dotted(s, at) {
                (e, TokKind::Dotted)
            } else {
                let e = word(s, at);
                // Split a possessive 's off a word.
                let w = &s[at..e];
                let lw = w.len();
                if lw > 2 && (w.ends_with("'s") || w.ends_with("’s")) {
                    let cut = if w.ends_with("'s") { lw - 2 } else { lw - 4 };
                    push(text, out, at, at + cut, TokKind::Word, copy_at(at));
                    push(
                        text,
                        out,
                        at + cut,
                        at + lw,
                        TokKind::Possessive,
                        copy_at(at + cut),
                    );
                    at = e;
                    continue;
                }
                (e, TokKind::Word)
            }
        } else if is_quote(c) {
            (at + l, TokKind::Quote)
        } else if let Some(t) = ["…", "..."].iter().find(|t| s[at..].starts_with(**t)) {
            (at + t.len(), TokKind::Ellipsis)
        } else if let Some(t) = ["—", "–", "--", "―"]
            .iter()
            .find(|t| s[at..].starts_with(**t))
        {
            (at + t.len(), TokKind::Dash)
        } else {
            (at + l, TokKind::Punct)
        };
        push(text, out, at, e, kind, copy_at(at));
        at = e;
    }
}

/// Add the token `text[s..e]`; `copy_at` is where its text starts in the lower-case copy.
fn push(text: &str, out: &mut Tokens, s: usize, e: usize, kind: TokKind, copy_at: usize) {
    let t = &text[s..e];
    let b = t.as_bytes();
    // most tokens are ASCII: their cases are told by bytes, their form is in the copy
    let (mut ascii, mut lowers, mut capitals) = (true, false, 0u32);
    for &x in b {
        if !x.is_ascii() {
            ascii = false;
            break;
        }
        lowers |= x.is_ascii_lowercase();
        capitals += u32::from(x.is_ascii_uppercase());
    }
    let (lo, cap, upper) = if ascii {
        // (every letter upper case, and at least two)
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        (copy_at, cap, !lowers && capitals >= 2)
    } else {
        let lo = out.lower.len();
        let (mut cap, mut letters, mut uppers) = (false, 0, 0);
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
        (lo, cap, letters >= 2 && uppers == letters)
    };
    let lo_end = if ascii { lo + b.len() } else { out.lower.len() };
    out.toks.push(Token {
        start: s as u32,
        end: e as u32,
        kind,
        lo: lo as u32,
        lo_end: lo_end as u32,
        cap,
        upper,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was written in nom, kept as the reference the hand-written scanner
    /// must agree with.
    mod nom_ref {
        use super::super::{TokKind, Token, Tokens, is_quote, is_word_char};
        use nom::branch::alt;
        use nom::bytes::complete::{tag, take_while, take_while1};
        use nom::character::complete::{char as ch, satisfy};
        use nom::combinator::recognize;
        use nom::multi::{many0, many1};
        use nom::{IResult, Parser};

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
    }

    fn same_as_nom(s: &str) {
        let mut a = Tokens::default();
        tokenize_into(s, 0, s.len(), &mut a);
        let mut b = Tokens::default();
        nom_ref::tokenize_into(s, 0, s.len(), &mut b);
        // (the same tokens and forms; where the forms are kept in the string may differ)
        let view = |t: &Tokens| -> Vec<_> {
            (0..t.len())
                .map(|i| {
                    let k = t.toks[i];
                    (
                        k.start,
                        k.end,
                        k.kind,
                        k.cap,
                        k.upper,
                        t.lower(i).to_string(),
                    )
                })
                .collect()
        };
        assert_eq!(view(&a), view(&b), "{s:?}");
    }

    #[test]
    fn agrees_with_nom_on_tricky_text() {
        for s in [
            "O ex-presidente, na sexta-feira, prendeu 4.404 “pessoas” (3,5%)... U.S. Kazakhstan’s",
            "o 1.º lugar em 2022. 21st 3rd 4th 2nd 1.ª 5ª 6º 7.",
            "a.m. p.m. U.S S.A. A.B.C.D e.g.x U.Sa d'Ávila l’Hôpital co-op -x x- x--y x—y x–y ―",
            "\u{feff}ÉTAT İstanbul ǅemal ß ΣΑΣ 1\u{a0}000 2\u{202f}500 3,,4 5.-6 7..8 … ... ..",
            "Ste\u{00AD}phen cafe\u{0301} «Olá» „x‟ ‹y› 「z」 ‘a’ ‚b’ John's James’s 's ’s x's",
            "",
            " ",
            "a",
            "1",
            "-",
            "..",
            "'",
            "’",
            "--",
            "A1b2-c3'd4’e5‐f6",
        ] {
            same_as_nom(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_nom(s in "[ a-zA-Z0-9.,'’‐\\-—–―…“”«»\u{a0}\u{202f}\u{feff}\u{ad}\u{301}ÉéçãÖßİǅΣºª\n]{0,40}") {
            same_as_nom(&s);
        }
    }

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
