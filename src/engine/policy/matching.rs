//! Matching of Action, Resource and Principal elements, wildcard patterns, and policy variables.
//!
//! - Actions match case-insensitively with `*` and `?` (IAM-UG "IAM JSON policy elements: Action").
//! - Resources match case-sensitively, ARN part by part: the first five colon-separated parts
//!   (`arn`, partition, service, region, account) each on their own, the resource part (everything
//!   after the fifth colon) as a whole, where `*` spans `/` and `:` (IAM-UG "IAM JSON policy
//!   elements: Resource": "You can use wildcard characters (* and ?) within any ARN segment (the
//!   parts separated by colons)"; IAM-UG "IAM identifiers", ARN section).
//! - Policy variables `${key}`, `${key, 'default'}` and the escapes `${*}`, `${?}`, `${$}` are
//!   interpreted only when the policy's Version is `2012-10-17` (IAM-UG "IAM policy elements:
//!   Variables and tags"). A variable whose key is absent and has no default cannot be resolved:
//!   AWS says "If AWS cannot resolve a variable this might cause the entire statement to be
//!   invalid" — the engine treats such a pattern or value as matching nothing (see
//!   [`Resolution::Unresolved`]). Multivalued keys cannot be used as variables (IAM-UG
//!   "Single-valued vs. multivalued context keys": "you cannot use multivalued context keys as
//!   policy variables"), so they resolve like an absent key.

use crate::engine::context::{CallerIdentity, CallerKind, ContextKeys, ContextValue};
use crate::engine::ids::{AccountId, Arn};

use super::ast::PrincipalType;
use super::evaluate::PrincipalMatch;

/// One element of a wildcard pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// A literal character.
    Char(char),
    /// `*`: any run of characters, including none.
    AnyRun,
    /// `?`: exactly one character.
    AnyOne,
}

/// A pattern after variable substitution: tokens to match with, and text to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub tokens: Vec<Token>,
    /// The pattern as text, variables replaced (escapes shown as the literal character).
    pub text: String,
}

impl Pattern {
    /// A pattern where `*` and `?` are wildcards and everything else is literal.
    pub fn wildcard(text: &str) -> Pattern {
        let tokens = text.chars().map(wildcard_token).collect();
        Pattern {
            tokens,
            text: text.to_owned(),
        }
    }

    /// Whether the pattern is only `*` tokens (matches anything, ARN or not).
    pub fn is_match_all(&self) -> bool {
        !self.tokens.is_empty() && self.tokens.iter().all(|t| *t == Token::AnyRun)
    }

    /// Whether `text` matches this pattern as a whole.
    pub fn matches(&self, text: &str, ignore_case: bool) -> bool {
        let chars: Vec<char> = text.chars().collect();
        tokens_match(&self.tokens, &chars, ignore_case)
    }
}

fn wildcard_token(c: char) -> Token {
    match c {
        '*' => Token::AnyRun,
        '?' => Token::AnyOne,
        other => Token::Char(other),
    }
}

/// The outcome of substituting the policy variables of one pattern or value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// All variables resolved (or none present, or variables disabled).
    Resolved(Pattern),
    /// A variable's key is absent (or multivalued) and it has no default: the pattern or value
    /// matches nothing. Carries the key and the text with the unresolved variable left in.
    Unresolved { key: String, text: String },
}

impl Resolution {
    /// The text to show in a trace.
    pub fn display(&self) -> &str {
        match self {
            Resolution::Resolved(p) => &p.text,
            Resolution::Unresolved { text, .. } => text,
        }
    }
}

/// Substitute the policy variables in `raw` from `keys`. With `enabled` false (Version absent or
/// `2008-10-17`), `${…}` is literal text, as AWS treats it.
pub fn resolve_variables(raw: &str, keys: &ContextKeys, enabled: bool) -> Resolution {
    if !enabled || !raw.contains("${") {
        return Resolution::Resolved(Pattern::wildcard(raw));
    }
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut unresolved: Option<String> = None;
    let mut rest = raw;
    while let Some(start) = rest.find("${") {
        let (before, from) = rest.split_at(start);
        for c in before.chars() {
            tokens.push(wildcard_token(c));
            text.push(c);
        }
        let inner_and_after = from.get(2..).unwrap_or("");
        let Some(close) = find_variable_end(inner_and_after) else {
            // No closing brace: the rest is literal text.
            for c in from.chars() {
                tokens.push(wildcard_token(c));
                text.push(c);
            }
            rest = "";
            break;
        };
        let inner = inner_and_after.get(..close).unwrap_or("");
        rest = inner_and_after.get(close + 1..).unwrap_or("");
        match inner.trim() {
            "*" => {
                tokens.push(Token::Char('*'));
                text.push('*');
            }
            "?" => {
                tokens.push(Token::Char('?'));
                text.push('?');
            }
            "$" => {
                tokens.push(Token::Char('$'));
                text.push('$');
            }
            other => {
                let (key, default) = split_default(other);
                let value = match keys.get(key) {
                    Some(ContextValue::Single(v)) => Some(v.clone()),
                    // Multivalued keys cannot be policy variables (IAM-UG single vs multivalued).
                    Some(ContextValue::Multi(_)) | None => default,
                };
                match value {
                    Some(v) => {
                        for c in v.chars() {
                            tokens.push(Token::Char(c));
                        }
                        text.push_str(&v);
                    }
                    None => {
                        if unresolved.is_none() {
                            unresolved = Some(key.to_owned());
                        }
                        text.push_str("${");
                        text.push_str(inner);
                        text.push('}');
                    }
                }
            }
        }
    }
    for c in rest.chars() {
        tokens.push(wildcard_token(c));
        text.push(c);
    }
    match unresolved {
        Some(key) => Resolution::Unresolved { key, text },
        None => Resolution::Resolved(Pattern { tokens, text }),
    }
}

/// The index of the `}` closing a variable body, skipping `'…'` default strings (where `''` is a
/// quote).
fn find_variable_end(s: &str) -> Option<usize> {
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => in_quote = !in_quote,
            '}' if !in_quote => return Some(i),
            _ => {}
        }
    }
    None
}

/// `key, 'default'` → (`key`, Some(`default`)); `key` → (`key`, None). `''` in a default is `'`.
fn split_default(inner: &str) -> (&str, Option<String>) {
    match inner.split_once(',') {
        Some((key, default)) => {
            let d = default.trim();
            let unquoted = d.strip_prefix('\'').and_then(|x| x.strip_suffix('\''));
            match unquoted {
                Some(body) => (key.trim(), Some(body.replace("''", "'"))),
                None => (key.trim(), None),
            }
        }
        None => (inner.trim(), None),
    }
}

/// Whether `tokens` match all of `text`. Iterative with backtracking to the last `*`: linear
/// memory, no recursion, so no input can overflow the stack.
pub fn tokens_match(tokens: &[Token], text: &[char], ignore_case: bool) -> bool {
    let eq = |a: char, b: char| {
        if ignore_case {
            a == b || a.to_lowercase().eq(b.to_lowercase())
        } else {
            a == b
        }
    };
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        let tc = text.get(t).copied();
        match (tokens.get(p), tc) {
            (Some(Token::AnyRun), _) => {
                star = Some((p, t));
                p += 1;
            }
            (Some(Token::AnyOne), Some(_)) => {
                p += 1;
                t += 1;
            }
            (Some(Token::Char(c)), Some(x)) if eq(*c, x) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    tokens
        .get(p..)
        .unwrap_or(&[])
        .iter()
        .all(|tok| *tok == Token::AnyRun)
}

/// Whether an Action pattern matches `action` (`service:Action`): case-insensitive, `*`/`?`.
pub fn action_matches(pattern: &str, action: &str) -> bool {
    Pattern::wildcard(pattern).matches(action, true)
}

/// Split `tokens` at the first five literal colons: six parts, or `None` with fewer colons.
fn split_pattern_arn(tokens: &[Token]) -> Option<Vec<&[Token]>> {
    let mut parts = Vec::with_capacity(6);
    let mut start = 0usize;
    for (i, tok) in tokens.iter().enumerate() {
        if parts.len() == 5 {
            break;
        }
        if *tok == Token::Char(':') {
            parts.push(tokens.get(start..i)?);
            start = i + 1;
        }
    }
    if parts.len() < 5 {
        return None;
    }
    parts.push(tokens.get(start..)?);
    Some(parts)
}

/// Split `text` at the first five colons: six parts, or `None` with fewer colons.
fn split_text_arn(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    if parts.len() == 6 {
        Some(parts)
    } else {
        None
    }
}

/// Whether a pattern starting `arn:` has the six colon-separated parts of an ARN.
pub fn is_arn_pattern(pattern: &Pattern) -> bool {
    pattern.tokens.starts_with(&[
        Token::Char('a'),
        Token::Char('r'),
        Token::Char('n'),
        Token::Char(':'),
    ]) && split_pattern_arn(&pattern.tokens).is_some()
}

/// ARN-aware, case-sensitive match: `*`-only patterns match anything; otherwise the pattern must
/// be an ARN pattern, and the first five parts are matched one by one (a wildcard cannot cross a
/// colon there) and the resource part as a whole. Used for Resource/NotResource and the Arn*
/// condition operators (IAM-UG condition operators, ARN: "Each of the six colon-delimited
/// components of the ARN is checked separately").
pub fn arn_matches(pattern: &Pattern, arn: &str) -> bool {
    if pattern.is_match_all() {
        return true;
    }
    if !is_arn_pattern(pattern) {
        return false;
    }
    let (Some(pattern_parts), Some(text_parts)) =
        (split_pattern_arn(&pattern.tokens), split_text_arn(arn))
    else {
        return false;
    };
    pattern_parts.iter().zip(text_parts.iter()).all(|(p, t)| {
        let chars: Vec<char> = t.chars().collect();
        tokens_match(p, &chars, false)
    })
}

/// Whether a Principal entry value is a partial wildcard (AWS only allows `*` alone).
pub fn has_partial_wildcard(value: &str) -> bool {
    value != "*" && (value.contains('*') || value.contains('?'))
}

/// How one Principal entry matches the caller, or `None` when it does not.
pub fn principal_entry_matches(
    kind: PrincipalType,
    value: &str,
    caller: &CallerIdentity,
) -> Option<PrincipalMatch> {
    match kind {
        PrincipalType::Aws => aws_principal_matches(value, caller),
        PrincipalType::Service => match &caller.kind {
            CallerKind::Service { name } if name.eq_ignore_ascii_case(value) => {
                Some(PrincipalMatch::Service)
            }
            _ => None,
        },
        // The engine models no web-identity, SAML or canonical-user callers.
        PrincipalType::Federated | PrincipalType::CanonicalUser => None,
    }
}

/// Rank of a match: higher is more specific (session > role/user/service > account > wildcard).
pub fn specificity(m: &PrincipalMatch) -> u8 {
    match m {
        PrincipalMatch::RoleSessionArn | PrincipalMatch::FederatedUserArn => 5,
        PrincipalMatch::RoleArn | PrincipalMatch::UserArn | PrincipalMatch::Service => 4,
        PrincipalMatch::Account(_) => 3,
        PrincipalMatch::Wildcard => 2,
        PrincipalMatch::Other => 1,
        PrincipalMatch::NotListed => 0,
    }
}

fn aws_principal_matches(value: &str, caller: &CallerIdentity) -> Option<PrincipalMatch> {
    if value == "*" {
        return Some(PrincipalMatch::Wildcard);
    }
    if let Ok(account) = value.parse::<AccountId>() {
        return account_match(&account, caller);
    }
    let arn: Arn = value.parse().ok()?;
    let account: AccountId = arn.account_id()?;
    let resource = arn.resource();
    match arn.service() {
        "iam" if resource == "root" => account_match(&account, caller),
        "iam" => {
            if let Some(role_path) = resource.strip_prefix("role/") {
                match &caller.kind {
                    CallerKind::RoleSession { role_arn, .. }
                        if same_account(role_arn, &account)
                            && path_name_matches(
                                role_path,
                                role_arn.resource().strip_prefix("role/")?,
                            ) =>
                    {
                        Some(PrincipalMatch::RoleArn)
                    }
                    _ => None,
                }
            } else if let Some(user_path) = resource.strip_prefix("user/") {
                let user_arn = match &caller.kind {
                    CallerKind::User { user_arn } => Some(user_arn),
                    // A federated user session made by this IAM user (S4: the user ARN grant is
                    // then limited by the session policy; authorisation sees the caller kind).
                    CallerKind::FederatedUser {
                        user_arn: Some(u), ..
                    } => Some(u),
                    _ => None,
                }?;
                let matches = same_account(user_arn, &account)
                    && path_name_matches(user_path, user_arn.resource().strip_prefix("user/")?);
                matches.then_some(PrincipalMatch::UserArn)
            } else {
                None
            }
        }
        "sts" => {
            if let Some(rest) = resource.strip_prefix("assumed-role/") {
                let (role_name, session) = rest.split_once('/')?;
                match &caller.kind {
                    CallerKind::RoleSession {
                        role_arn,
                        session_name,
                    } if same_account(role_arn, &account)
                        && last_segment(role_arn.resource()) == role_name
                        && session_name == session =>
                    {
                        Some(PrincipalMatch::RoleSessionArn)
                    }
                    _ => None,
                }
            } else if let Some(name) = resource.strip_prefix("federated-user/") {
                match &caller.kind {
                    CallerKind::FederatedUser {
                        name: caller_name, ..
                    } if caller.account.as_ref() == Some(&account) && caller_name == name => {
                        Some(PrincipalMatch::FederatedUserArn)
                    }
                    _ => None,
                }
            } else {
                None
            }
        }
        _ => None,
    }
}

fn account_match(account: &AccountId, caller: &CallerIdentity) -> Option<PrincipalMatch> {
    (caller.account.as_ref() == Some(account)).then(|| PrincipalMatch::Account(account.clone()))
}

fn same_account(arn: &Arn, account: &AccountId) -> bool {
    arn.account() == account.as_str()
}

fn last_segment(resource: &str) -> &str {
    resource.rsplit('/').next().unwrap_or(resource)
}

/// A policy's `path/name` (or bare `name`) against the caller's `path/name`: a bare name compares
/// the name only; with a path given, the whole path and name must be equal.
fn path_name_matches(policy: &str, caller: &str) -> bool {
    if policy.contains('/') {
        policy == caller
    } else {
        policy == last_segment(caller)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(raw: &str, keys: &ContextKeys) -> Pattern {
        match resolve_variables(raw, keys, true) {
            Resolution::Resolved(p) => p,
            Resolution::Unresolved { .. } => unreachable!("expected resolved"),
        }
    }

    #[test]
    fn star_spans_slashes_and_colons_in_the_resource_part() {
        let p = Pattern::wildcard("arn:aws:secretsmanager:*:111122223333:secret:*");
        assert!(arn_matches(
            &p,
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:a/b:c-AbCdEf"
        ));
        // A wildcard in the region part cannot swallow the account part.
        let q = Pattern::wildcard("arn:aws:secretsmanager:*:secret:*");
        assert!(!arn_matches(
            &q,
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"
        ));
    }

    #[test]
    fn variables_substitute_and_escape() {
        let mut keys = ContextKeys::new();
        keys.set_str("aws:username", "alice");
        assert_eq!(
            resolved("home/${aws:username}/*", &keys).text,
            "home/alice/*"
        );
        assert_eq!(
            resolved("${aws:PrincipalTag/team, 'none'}", &keys).text,
            "none"
        );
        assert_eq!(
            resolved("a${*}b", &keys).tokens,
            vec![Token::Char('a'), Token::Char('*'), Token::Char('b')]
        );
        assert_eq!(resolved("${aws:x, 'it''s'}", &keys).text, "it's");
        assert!(matches!(
            resolve_variables("${aws:userid}", &keys, true),
            Resolution::Unresolved { .. }
        ));
        assert_eq!(resolved("${unclosed", &keys).text, "${unclosed");
    }

    #[test]
    fn matching_long_patterns_does_not_blow_up() {
        let p = Pattern::wildcard(&"*a".repeat(200));
        assert!(!p.matches(&"a".repeat(150), false));
    }
}
