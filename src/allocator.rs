//! The memory allocator: mimalloc for small blocks, the system's for big ones.
//!
//! Extraction and indexing allocate and free many small strings on every core at once, where mimalloc's
//! per-thread heaps are much quicker than the system allocator (see BENCHMARKS.md). But mimalloc grows a
//! big block by copying it, while the system allocator remaps its pages: the corpus' list of statements
//! (a gigabyte at a million articles) grows as files arrive, on the app's UI thread, and copying it held
//! the window for seconds.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of this size or more go to the system allocator.
const BIG: usize = 1 << 20;

/// mimalloc below `BIG` bytes, the system allocator from it. A block's size decides which allocator
/// owns it, and Rust passes the same size to free a block as to allocate (or last resize) it.
pub struct SplitAllocator;

unsafe impl GlobalAlloc for SplitAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Safety: the caller's promises about `layout` are passed on unchanged.
        unsafe { if layout.size() >= BIG { System.alloc(layout) } else { mimalloc::MiMalloc.alloc(layout) } }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // Safety: as for `alloc`.
        unsafe {
            if layout.size() >= BIG { System.alloc_zeroed(layout) } else { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // Safety: `layout.size()` is the size the block was made with, so it names the allocator that made it.
        unsafe {
            if layout.size() >= BIG { System.dealloc(block, layout) } else { mimalloc::MiMalloc.dealloc(block, layout) }
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Safety: as for `dealloc`; a block moving between allocators is copied into a new one.
        unsafe {
            match (layout.size() >= BIG, new_size >= BIG) {
                (true, true) => System.realloc(block, layout, new_size),
                (false, false) => mimalloc::MiMalloc.realloc(block, layout, new_size),
                _ => {
                    let new_layout = Layout::from_size_align_unchecked(new_size, layout.align());
                    let new_block = self.alloc(new_layout);
                    if !new_block.is_null() {
                        std::ptr::copy_nonoverlapping(block, new_block, layout.size().min(new_size));
                        self.dealloc(block, layout);
                    }
                    new_block
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BIG;

    #[test]
    fn blocks_keep_their_bytes_when_they_grow_and_shrink_across_the_two_allocators() {
        let mut numbers: Vec<u64> = Vec::new();
        // Grows from a few bytes, through mimalloc, past `BIG` into the system allocator.
        for number in 0..(BIG as u64 / 2) {
            numbers.push(number);
        }
        assert!(numbers.capacity() * 8 >= BIG);
        assert!(numbers.iter().enumerate().all(|(index, &number)| number == index as u64));
        // Shrinks back into mimalloc.
        numbers.truncate(1000);
        numbers.shrink_to_fit();
        assert!(numbers.capacity() * 8 < BIG);
        assert!(numbers.iter().enumerate().all(|(index, &number)| number == index as u64));
        let zeroed = vec![0u8; BIG * 2];
        assert!(zeroed.iter().all(|&byte| byte == 0));
    }
}
