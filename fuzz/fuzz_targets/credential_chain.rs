//! The credential search under any sequence of events (a profile file's text, a metadata answer,
//! variables), and the INI and security-key readers on any text: no panic, and once the search
//! has found credentials or failed, it stays ended.
#![no_main]
use ims_client::credential_chain::{parse_ini, security_key, Chain, ChainAction, ChainEvent, ChainOptions, FileMissing};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_ini(&text);
    let _ = security_key(&text);
    let mut chain = Chain::new(ChainOptions::default());
    let mut ended = false;
    for (i, chunk) in data.chunks(7).enumerate() {
        let arg = chunk.get(1).copied().unwrap_or(0);
        let body = String::from_utf8_lossy(chunk.get(2..).unwrap_or_default()).into_owned();
        let event = match chunk.first().copied().unwrap_or(0) % 6 {
            0 => ChainEvent::Start,
            1 => ChainEvent::Env((0..usize::from(arg % 9)).map(|j| (j % 2 == 0).then(|| body.clone())).collect()),
            2 => ChainEvent::File(if arg % 3 == 0 { Err(FileMissing::NotFound) } else { Ok(if i % 2 == 0 { text.to_string() } else { body }) }),
            3 => ChainEvent::Answer { status: [200, 401, 404, 405, 500, 503][usize::from(arg % 6)], body: if i % 2 == 0 { text.to_string() } else { body } },
            4 => ChainEvent::Failed(body),
            _ => ChainEvent::File(Err(FileMissing::Unreadable)),
        };
        let action = chain.step(event);
        if ended {
            assert!(matches!(action, ChainAction::Fail(_)), "an ended search stays ended");
        }
        ended |= matches!(action, ChainAction::Done(_) | ChainAction::Fail(_));
    }
});
