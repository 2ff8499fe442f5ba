//! How long the allocator keeps memory it was given back before handing it
//! to the system: a command that frees and allocates again within that time
//! gets its memory without the system zeroing it once more.

/// mimalloc's `mi_option_purge_delay` (`mi_option_t` in `mimalloc.h`; the
/// same number in mimalloc 2, which named it `decommit_delay`, and 1, which
/// named it `reset_delay`).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// For how long freed memory is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeepFreed {
    /// `dossier serve`: a minute. A rebuild frees the investigation before
    /// it; with mimalloc 3's default (1,000 ms), what it freed was given
    /// back before the next save, and the next rebuild had the system zero
    /// it again: a tenth of a one-article rebuild at 10,000 articles
    /// (bench/README.md, "Live preview"). A minute covers the saves of
    /// someone editing; the server holds about 30 MB more meanwhile.
    Minute,
    /// `dossier check` and `dossier suggest`: until the command ends, a
    /// second or so later. They free each text's parse while reading the
    /// next; given back and taken again, the system zeroed about a tenth of
    /// a second's worth of memory at 10,000 articles, on two cores (bench/
    /// README.md, "check"). Their peak is the same either way.
    UntilExit,
}

impl KeepFreed {
    /// The purge delay in milliseconds; negative: never (mimalloc's
    /// `purge_delay`).
    fn millis(self) -> std::ffi::c_long {
        match self {
            KeepFreed::Minute => 60_000,
            KeepFreed::UntilExit => -1,
        }
    }
}

/// Makes freed memory wait as `keep` says before going back to the system,
/// unless the environment sets mimalloc's purge delay (under any of the
/// names mimalloc reads: `mi_option_set_default` leaves an option read from
/// the environment as it is). Called once, before the command starts its
/// threads.
pub fn keep_freed_memory(keep: KeepFreed) {
    // SAFETY: mi_option_set_default stores a number in mimalloc's option
    // table, which is not synchronised: it is called before the command
    // starts its threads, and a racing reader would only see the old or
    // the new delay.
    unsafe {
        libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, keep.millis());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The option number is mimalloc's purge delay: it is the only option
    /// of mimalloc 3 whose default is 1,000 ms, and each new default reads
    /// back (the second: `mi_option_set_default` leaves alone only an
    /// option read from the environment).
    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // An option set in the environment (any spelling mimalloc reads).
        if std::env::vars_os().any(|(k, _)| {
            k.to_string_lossy()
                .to_ascii_uppercase()
                .starts_with("MIMALLOC_")
        }) {
            return;
        }
        // SAFETY: mi_option_get and mi_option_set only read and store a
        // number in mimalloc's option table.
        let get = || unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(get(), 1_000, "not mimalloc 3's purge_delay");
        keep_freed_memory(KeepFreed::Minute);
        assert_eq!(get(), 60_000);
        keep_freed_memory(KeepFreed::UntilExit);
        assert_eq!(get(), -1);
        // SAFETY: as above.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1_000) };
    }
}
