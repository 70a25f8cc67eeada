//! Named background jobs whose results the app polls each frame.

use crossbeam_channel::{Receiver, TryRecvError};

/// A piece of work running on its own thread, with a name for messages.
pub struct Job<T> {
    /// What the job does, for messages ("reading an article").
    pub name: &'static str,
    receiver: Receiver<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; the UI is repainted when it ends. A panic becomes an error.
    pub fn spawn(name: &'static str, ctx: &egui::Context, work: impl FnOnce() -> T + Send + 'static) -> Job<T> {
        let (sender, receiver) = crossbeam_channel::bounded(1);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .map_err(|_| format!("internal error while {name}"));
                let _ = sender.send(result);
                ctx.request_repaint();
            })
            .expect("spawn a background thread");
        Job { name, receiver }
    }

    /// The result, once the job has ended.
    pub fn poll(&self) -> Option<Result<T, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(format!("{} stopped unexpectedly", self.name))),
        }
    }
}

/// A corpus being loaded.
pub struct Loading {
    /// The job reading files.
    pub job: crate::loading::LoadJob,
    /// When loading started.
    pub started: std::time::Instant,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_job_becomes_an_error_naming_the_job() {
        let ctx = egui::Context::default();
        let job: Job<u32> = Job::spawn("testing a panic", &ctx, || panic!("a bug"));
        let started = std::time::Instant::now();
        let result = loop {
            if let Some(result) = job.poll() {
                break result;
            }
            assert!(started.elapsed().as_secs() < 10, "the job never ended");
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(result, Err("internal error while testing a panic".to_owned()));
        // Another job runs as usual afterwards.
        let next = Job::spawn("adding", &ctx, || 2 + 2);
        let value = loop {
            if let Some(result) = next.poll() {
                break result;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert_eq!(value, Ok(4));
    }
}
