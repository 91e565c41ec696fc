//! A blocking client keeps working in a child process after `fork()` (Python's
//! multiprocessing, preforking servers): the child gets its own runtime and connection
//! pool instead of the parent's threads and sockets. Its own test binary: forking is only
//! safe while no other test runs.
#![cfg(unix)]

use std::time::{Duration, Instant};

use spotdraft::{BlockingClient, Client, ContractQuery, Credential};
use spotdraft_sandbox::{Sandbox, SandboxConfig, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};

#[test]
fn a_blocking_client_works_in_a_forked_child() {
    let sandbox = Sandbox::start(SandboxConfig::new().rate_limit(false)).unwrap();
    let credential = Credential::new(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET).unwrap();
    let builder = Client::builder(credential)
        .base_url(&sandbox.base_url())
        .attempt_timeout(Duration::from_secs(5))
        .total_timeout(Duration::from_secs(8));
    let client = BlockingClient::new(builder).unwrap();
    // The parent has a runtime with threads and a pooled keep-alive connection now.
    assert_eq!(client.contracts().list(&ContractQuery::new(), 1, 2).unwrap().results.len(), 2);

    // SAFETY: the child only calls into the client and then _exit()s.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let ok =
            (0..3).all(|_| client.contracts().list(&ContractQuery::new(), 1, 2).is_ok_and(|p| p.results.len() == 2));
        unsafe { libc::_exit(if ok { 0 } else { 1 }) };
    }
    let started = Instant::now();
    let mut status = 0;
    loop {
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            break;
        }
        if started.elapsed() > Duration::from_secs(30) {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the child hung using the client after fork");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "the child's calls failed: status {status}");
    // And the parent is unaffected.
    assert_eq!(client.contracts().list(&ContractQuery::new(), 1, 2).unwrap().results.len(), 2);
}
