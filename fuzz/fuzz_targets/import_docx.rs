#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| claimcoder_fuzz::harness::import_docx(data));
