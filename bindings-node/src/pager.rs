//! Lazy paging for `for await`: each `next()` fetches one page, only when JavaScript asks.

use std::sync::Arc;

use napi::bindgen_prelude::PromiseRaw;
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use spotdraft::{Comment, Contract, Counterparty, Error, ErrorKind, Page, Pager, User};
use tokio::sync::Mutex;

use crate::cancel::{token_of, CancelToken};
use crate::client::NativeClient;
use crate::errors::{invalid, parse_args, scrub, to_json_text, IntoNapi};
use crate::ops::Args;

enum AnyPager {
    Contracts(Pager<Contract>),
    Comments(Pager<Comment>),
    Counterparties(Pager<Counterparty>),
    Users(Pager<User>),
    Raw(Pager<Value>),
}

fn page_text<T: serde::Serialize>(page: Option<Page<T>>) -> napi::Result<String> {
    match page {
        None => Ok("null".to_string()),
        Some(page) => to_json_text(&serde_json::json!({
            "page": page.page,
            "limit": page.limit,
            "totalResults": page.total_results,
            "results": page.results,
        })),
    }
}

impl AnyPager {
    fn configure(self, args: &Args) -> napi::Result<AnyPager> {
        let page_size: Option<u32> = args.opt("pageSize")?;
        let start_page: Option<u32> = args.opt("startPage")?;
        let max_pages: Option<u32> = args.opt("maxPages")?;
        macro_rules! apply {
            ($variant:ident, $pager:expr) => {{
                let mut pager = $pager;
                if let Some(size) = page_size {
                    pager = pager.page_size(size).napi()?;
                }
                if let Some(page) = start_page {
                    pager = pager.start_page(page).napi()?;
                }
                if let Some(max) = max_pages {
                    pager = pager.max_pages(max);
                }
                AnyPager::$variant(pager)
            }};
        }
        Ok(match self {
            AnyPager::Contracts(p) => apply!(Contracts, p),
            AnyPager::Comments(p) => apply!(Comments, p),
            AnyPager::Counterparties(p) => apply!(Counterparties, p),
            AnyPager::Users(p) => apply!(Users, p),
            AnyPager::Raw(p) => apply!(Raw, p),
        })
    }

    async fn next_text(&mut self) -> napi::Result<String> {
        match self {
            AnyPager::Contracts(p) => page_text(p.next_page().await.napi()?),
            AnyPager::Comments(p) => page_text(p.next_page().await.napi()?),
            AnyPager::Counterparties(p) => page_text(p.next_page().await.napi()?),
            AnyPager::Users(p) => page_text(p.next_page().await.napi()?),
            AnyPager::Raw(p) => page_text(p.next_page().await.napi()?),
        }
    }
}

#[napi]
pub struct NativePager {
    inner: Arc<Mutex<AnyPager>>,
}

#[napi]
impl NativeClient {
    /// A pager over `kind` (`contracts`, `comments`, `counterparties`, `users`, or `path`
    /// for any paged GET), configured by JSON `args`.
    #[napi]
    pub fn pager(&self, kind: String, args: String) -> napi::Result<NativePager> {
        self.make_pager(kind, args).map_err(|e| scrub(e, self.inner.credential().client_secret().expose_secret()))
    }
}

impl NativeClient {
    fn make_pager(&self, kind: String, args: String) -> napi::Result<NativePager> {
        let a = Args::new(parse_args(&args)?);
        let pager = match kind.as_str() {
            "contracts" => AnyPager::Contracts(self.inner.contracts().list_all(&a.contract_query()?).napi()?),
            "comments" => AnyPager::Comments(self.inner.contracts().all_comments(a.contract_id()?).napi()?),
            "counterparties" => {
                let custom = a.custom_pairs()?;
                let custom: Vec<(&str, &str)> = custom.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                AnyPager::Counterparties(self.inner.counterparties().list_all(&custom).napi()?)
            }
            "users" => AnyPager::Users(self.inner.users().list_all(&a.user_query()?).napi()?),
            "path" => {
                let path: String = a.req("path")?;
                let query: Vec<(String, String)> = a.opt("query")?.unwrap_or_default();
                let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                AnyPager::Raw(self.inner.pages(&path, &query))
            }
            _ => return Err(invalid(format!("nothing to page over called {kind:?}"))),
        };
        Ok(NativePager { inner: Arc::new(Mutex::new(pager.configure(&a)?)) })
    }
}

#[napi]
impl NativePager {
    /// The next page as JSON text, or `"null"` when the list is exhausted.
    #[napi(ts_return_type = "Promise<string>")]
    pub fn next<'env>(&self, env: &'env Env, token: Option<&CancelToken>) -> napi::Result<PromiseRaw<'env, String>> {
        let pager = self.inner.clone();
        let token = token_of(token);
        env.spawn_future(async move {
            let mut pager = pager.lock().await;
            match token {
                None => pager.next_text().await,
                Some(token) => tokio::select! {
                    page = pager.next_text() => page,
                    () = token.cancelled() => {
                        Err(Error::new(ErrorKind::Cancelled, "paging was cancelled")).napi()
                    }
                },
            }
        })
    }
}
