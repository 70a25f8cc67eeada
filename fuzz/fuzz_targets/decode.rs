//! `decode::decode` never panics on any bytes. On success the text carries no BOM, and when the
//! decoder says the text is verbatim it is byte-for-byte the input after the BOM (callers rely on
//! this to turn text offsets into file offsets).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(decoded) = dossier::decode::decode(bytes) {
        assert!(decoded.bom_len <= bytes.len());
        if decoded.is_verbatim {
            assert_eq!(decoded.text.as_bytes(), &bytes[decoded.bom_len..]);
        }
    }
});
