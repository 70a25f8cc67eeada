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
