//! A real `redis-server` on a free loopback port, persistence off, stopped on drop.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    password: Option<String>,
}

impl RedisServer {
    /// Starts one on a free port (`password`: `--requirepass`).
    pub fn start(password: Option<&str>) -> RedisServer {
        RedisServer::start_on(free_port(), password)
    }

    /// Starts one on `port` (to bring a killed server back where clients expect it).
    pub fn start_on(port: u16, password: Option<&str>) -> RedisServer {
        let mut command = Command::new("redis-server");
        command.args(["--save", "", "--appendonly", "no", "--bind", "127.0.0.1", "--port", &port.to_string()]);
        if let Some(password) = password {
            command.args(["--requirepass", password]);
        }
        let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap_or_else(|e| {
            panic!(
                "could not start redis-server ({e}): these tests need it on PATH. \
                 Install it (Debian: apt-get install redis-server); scripts/test-all does"
            )
        });
        let server = RedisServer { child: Some(child), port, password: password.map(str::to_string) };
        server.wait_ready();
        server
    }

    pub fn url(&self) -> String {
        match &self.password {
            Some(password) => format!("redis://:{password}@127.0.0.1:{}", self.port),
            None => format!("redis://127.0.0.1:{}", self.port),
        }
    }

    /// Kills it at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn wait_ready(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) {
                // A raw PING is enough to know it serves; the client under test uses the crate.
                let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
                if stream.write_all(b"PING\r\n").is_ok() {
                    let mut answer = [0u8; 64];
                    if let Ok(n) = stream.read(&mut answer) {
                        if n > 0 {
                            return;
                        }
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("redis-server on port {} did not start within 10 s", self.port);
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}
