//! Any arguments to the `ims` command line (the input split on NUL bytes, the first byte choosing
//! the environment): no panic; a plan or an `invalid-argument` error that names a key.
#![no_main]
use ims_client::cli::{plan, Env};
use ims_client::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let args: Vec<String> = text.split('\0').map(str::to_owned).collect();
    let env = Env { stdout_tty: flags & 1 == 1, token: flags & 2 == 2, region: (flags & 4 == 4).then(|| "cn-north-4".to_owned()) };
    if let Err(e) = plan(&args, &env) {
        assert_eq!(e.kind, ErrorKind::InvalidArgument);
        assert!(e.key.is_some(), "{}", e.message);
    }
});
