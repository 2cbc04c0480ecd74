//! The app's security settings may only stay as strict as they are: this fails when the
//! configuration or a capability file widens what the window may load or call (remote
//! content, inline or evaluated script, the global Tauri object, plugin or filesystem
//! permissions). Article text is untrusted; these settings are what keeps it inert.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What widens the app's configuration and capabilities beyond what it needs.
fn violations(conf: &Value, capabilities: &[(String, Value)], commands: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let security = &conf["app"]["security"];
    let csp = &security["csp"];
    let directive = |name: &str| csp[name].as_str().unwrap_or("").to_owned();
    for (name, value) in csp.as_object().into_iter().flatten() {
        let v = value.as_str().unwrap_or("");
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"] {
            if v.split_whitespace().any(|s| s == bad) {
                out.push(format!("CSP {name} allows {bad}"));
            }
        }
        let remote = v.split_whitespace().any(|s| {
            (s.starts_with("http:") || s.starts_with("https:") || s.starts_with("ws"))
                && s != "http://ipc.localhost"
        });
        if remote {
            out.push(format!("CSP {name} allows remote sources: {v}"));
        }
    }
    for (name, want) in [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("object-src", "'none'"),
        ("frame-src", "'none'"),
        ("base-uri", "'none'"),
        ("form-action", "'none'"),
    ] {
        if directive(name) != want {
            out.push(format!("CSP {name} is {:?}, not {want}", directive(name)));
        }
    }
    if security["dangerousDisableAssetCspModification"] != Value::Null {
        out.push("dangerousDisableAssetCspModification is set".into());
    }
    if security["freezePrototype"] != json!(true) {
        out.push("freezePrototype is off".into());
    }
    if conf["app"]["withGlobalTauri"] == json!(true) {
        out.push("withGlobalTauri exposes the IPC to every script".into());
    }
    for w in conf["app"]["windows"].as_array().into_iter().flatten() {
        if let Some(url) = w["url"].as_str() {
            if url.contains("://") {
                out.push(format!("a window loads {url}"));
            }
        }
    }
    let allowed: Vec<String> = commands
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    for (file, cap) in capabilities {
        if cap.get("remote").is_some() {
            out.push(format!("{file} grants remote URLs"));
        }
        if cap["windows"] != json!(["main"]) {
            out.push(format!("{file} applies to windows {}", cap["windows"]));
        }
        for p in cap["permissions"].as_array().into_iter().flatten() {
            let name = p
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| p.to_string());
            if !allowed.contains(&name) {
                out.push(format!(
                    "{file} grants {name}, which is not one of the app's commands"
                ));
            }
        }
    }
    out
}

fn config() -> (Value, Vec<(String, Value)>) {
    let conf = read_json(&manifest_dir().join("../tauri.conf.json"));
    let mut caps = Vec::new();
    for entry in std::fs::read_dir(manifest_dir().join("capabilities")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        caps.push((name, read_json(&path)));
    }
    (conf, caps)
}

#[test]
fn the_configuration_and_capabilities_stay_strict() {
    let (conf, caps) = config();
    assert_eq!(caps.len(), 1, "one capability file");
    let found = violations(&conf, &caps, claimcoder_app::COMMAND_NAMES);
    assert!(found.is_empty(), "{found:#?}");
}

/// A change to the configuration (first) or the capability file (second).
type Widen = Box<dyn Fn(&mut Value, &mut Value)>;

#[test]
fn each_way_of_widening_them_is_caught() {
    let (conf, caps) = config();
    let widened: Vec<(&str, Widen)> = vec![
        (
            "unsafe-inline",
            Box::new(|c, _| {
                c["app"]["security"]["csp"]["script-src"] = json!("'self' 'unsafe-inline'")
            }),
        ),
        (
            "unsafe-eval",
            Box::new(|c, _| {
                c["app"]["security"]["csp"]["script-src"] = json!("'self' 'unsafe-eval'")
            }),
        ),
        (
            "remote",
            Box::new(|c, _| {
                c["app"]["security"]["csp"]["img-src"] = json!("'self' https://tracker.example")
            }),
        ),
        (
            "withGlobalTauri",
            Box::new(|c, _| c["app"]["withGlobalTauri"] = json!(true)),
        ),
        (
            "dangerousDisableAssetCspModification",
            Box::new(|c, _| {
                c["app"]["security"]["dangerousDisableAssetCspModification"] = json!(true)
            }),
        ),
        (
            "freezePrototype",
            Box::new(|c, _| c["app"]["security"]["freezePrototype"] = json!(false)),
        ),
        (
            "loads",
            Box::new(|c, _| c["app"]["windows"][0]["url"] = json!("https://example.org")),
        ),
        (
            "remote URLs",
            Box::new(|_, k| k["remote"] = json!({ "urls": ["https://*"] })),
        ),
        (
            "fs:default",
            Box::new(|_, k| {
                k["permissions"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!("fs:default"))
            }),
        ),
        (
            "shell:allow-execute",
            Box::new(|_, k| {
                k["permissions"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!("shell:allow-execute"))
            }),
        ),
    ];
    for (what, widen) in widened {
        let (mut c, mut k) = (conf.clone(), caps[0].1.clone());
        widen(&mut c, &mut k);
        let found = violations(&c, &[(caps[0].0.clone(), k)], claimcoder_app::COMMAND_NAMES);
        assert!(found.iter().any(|v| v.contains(what)), "{what}: {found:#?}");
    }
}
