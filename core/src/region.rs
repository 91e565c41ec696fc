//! Where requests go: a SpotDraft region, or a custom base URL (https, or loopback http).

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A SpotDraft data region; each has its own API host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Region {
    /// United States: `https://api.us.spotdraft.com` (the default).
    Us,
    /// European Union: `https://api.eu.spotdraft.com`.
    Eu,
    /// India: `https://api.in.spotdraft.com`.
    In,
    /// Middle East: `https://api.me.spotdraft.com`.
    Me,
}

impl Region {
    /// Every region.
    pub const ALL: [Region; 4] = [Region::Us, Region::Eu, Region::In, Region::Me];

    /// The region's short name (`"us"`, `"eu"`, `"in"`, `"me"`), as parsed from text.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::In => "in",
            Region::Me => "me",
        }
    }

    /// The region's API base URL, without a trailing slash.
    pub fn base_url(self) -> &'static str {
        match self {
            Region::Us => "https://api.us.spotdraft.com",
            Region::Eu => "https://api.eu.spotdraft.com",
            Region::In => "https://api.in.spotdraft.com",
            Region::Me => "https://api.me.spotdraft.com",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Region {
    type Err = Error;
    fn from_str(text: &str) -> Result<Region> {
        let wanted = text.trim().to_ascii_lowercase();
        Region::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| Error::invalid_argument(format!("unknown region {text:?}: expected one of us, eu, in, me")))
    }
}

/// A region or a validated custom base URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// A SpotDraft region's API host.
    Region(Region),
    /// A custom base URL (a proxy, the sandbox, a test server).
    Custom(BaseUrl),
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint::Region(Region::Us)
    }
}

impl Endpoint {
    /// The base URL without a trailing slash.
    pub fn base_url(&self) -> &str {
        match self {
            Endpoint::Region(region) => region.base_url(),
            Endpoint::Custom(url) => url.as_str(),
        }
    }

    /// The region, or `None` for a custom base URL.
    pub fn region(&self) -> Option<Region> {
        match self {
            Endpoint::Region(region) => Some(*region),
            Endpoint::Custom(_) => None,
        }
    }

    /// Whether this is a custom base URL on a loopback host (where plain http is allowed).
    pub fn is_loopback(&self) -> bool {
        matches!(self, Endpoint::Custom(url) if url.loopback)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Endpoint::Region(region) => write!(f, "region {region} ({})", region.base_url()),
            Endpoint::Custom(url) => write!(f, "{}", url.as_str()),
        }
    }
}

/// A custom base URL: `https://...`, or `http://` only for a loopback host (tests, the sandbox).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    url: String,
    loopback: bool,
}

impl BaseUrl {
    /// Checks and normalizes a custom base URL: `https://`, or `http://` to a loopback
    /// host; no user name, password, query or fragment; trailing slashes removed.
    ///
    /// # Errors
    /// `invalid_argument` saying what is wrong; the message never repeats a user name or
    /// password written into the URL.
    pub fn parse(text: &str) -> Result<BaseUrl> {
        let shown = without_userinfo(text);
        let bad = |why: &str| Error::invalid_argument(format!("base URL {shown:?} {why}"));
        if text.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(Error::invalid_argument("base URL contains whitespace or a control character"));
        }
        let url = url::Url::parse(text).map_err(|e| bad(&format!("is not a URL ({e})")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid_argument(
                "base URL must not contain a user name or password; the credential travels in headers",
            ));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(bad("must not have a query string or fragment"));
        }
        let loopback = match url.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
            Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
            None => return Err(bad("has no host")),
        };
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(bad(
                    "uses plain http to a non-loopback host; use https:// so the client secret is encrypted in transit",
                ))
            }
            other => return Err(bad(&format!("has scheme {other:?}; expected https"))),
        }
        let mut normalized = url.to_string();
        while normalized.ends_with('/') {
            normalized.pop();
        }
        Ok(BaseUrl { url: normalized, loopback })
    }

    /// The normalized URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// Whether the host is `localhost` or a loopback IP address (where plain http is allowed).
    pub fn is_loopback(&self) -> bool {
        self.loopback
    }
}

/// `text` with anything between `://` and an `@` in the authority replaced, so an error
/// can quote a URL without its password.
fn without_userinfo(text: &str) -> String {
    let Some(scheme_end) = text.find("://") else {
        return text.to_string();
    };
    let authority_start = scheme_end + 3;
    let rest = &text[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => format!("{}[userinfo removed]{}", &text[..authority_start], &rest[at..]),
        None => text.to_string(),
    }
}

impl FromStr for BaseUrl {
    type Err = Error;
    fn from_str(text: &str) -> Result<BaseUrl> {
        BaseUrl::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_map_to_hosts() {
        assert_eq!("EU".parse::<Region>().unwrap().base_url(), "https://api.eu.spotdraft.com");
        assert_eq!(Region::In.base_url(), "https://api.in.spotdraft.com");
        assert!("mars".parse::<Region>().unwrap_err().to_string().contains("us, eu, in, me"));
    }

    #[test]
    fn base_urls_are_validated() {
        assert_eq!(BaseUrl::parse("https://example.com/").unwrap().as_str(), "https://example.com");
        assert!(BaseUrl::parse("http://127.0.0.1:8080").unwrap().is_loopback());
        assert!(BaseUrl::parse("http://127.5.0.1:8080").unwrap().is_loopback());
        assert!(BaseUrl::parse("http://[::1]:9").unwrap().is_loopback());
        assert!(BaseUrl::parse("http://localhost:9").unwrap().is_loopback());
        let err = BaseUrl::parse("http://api.us.spotdraft.com").unwrap_err();
        assert!(err.to_string().contains("plain http"), "{err}");
        assert!(BaseUrl::parse("ftp://x.com").is_err());
        assert!(BaseUrl::parse("https://u:p@x.com").is_err());
        assert!(BaseUrl::parse("https://x.com?a=1").is_err());
        assert!(BaseUrl::parse("not a url").is_err());
        assert!(BaseUrl::parse("http://localhost.evil.com").is_err());
        for leaky in [
            "https://user:PASSWORD@host",
            "https://user:PASSWORD@[bad",
            "ftp://user:PASSWORD@host/x",
            "http://user:PASSWORD@evil.example",
            "https://user:PASS@WORD@host:99999",
        ] {
            let err = BaseUrl::parse(leaky).unwrap_err();
            assert!(!format!("{err} {err:?}").contains("PASS"), "{leaky}: {err}");
        }
    }
}
