//! `cohere server` end to end: the built binary, spoken to over its stdin and stdout as an
//! editor speaks to it (JSON-RPC with `Content-Length` headers), on a copy of the example
//! repository. Nothing here is timed: every exchange waits for the server's answer, and a
//! request sent after a change is answered only once the change has been checked, so the
//! diagnostics read before that answer are those of the changed text.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod common;

use common::{copy_dir, uri};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Client {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    /// The last diagnostics published for each URI.
    diagnostics: BTreeMap<String, Vec<Value>>,
    /// The capabilities the server asked the client to register.
    registrations: Vec<Value>,
}

impl Client {
    fn start() -> Client {
        Client::start_with(json!({}))
    }

    fn start_with(capabilities: Value) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cohere"))
            .arg("server")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut client = Client {
            child,
            stdin,
            stdout,
            next_id: 0,
            diagnostics: BTreeMap::new(),
            registrations: Vec::new(),
        };
        let result = client.request("initialize", json!({ "capabilities": capabilities }));
        let capabilities = &result["capabilities"];
        for provider in [
            "hoverProvider",
            "definitionProvider",
            "completionProvider",
            "codeActionProvider",
        ] {
            assert!(!capabilities[provider].is_null(), "{provider}: {result}");
        }
        assert_eq!(result["serverInfo"]["name"], "cohere");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        common::send_message(&mut self.stdin, &message);
    }

    fn read(&mut self) -> Value {
        common::read_message(&mut self.stdout)
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and reads until its response, taking in every notification before it.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.read();
            if message["method"] == "client/registerCapability" {
                self.registrations.push(message["params"].clone());
            } else if message["method"] == "textDocument/publishDiagnostics" {
                let params = &message["params"];
                self.diagnostics.insert(
                    params["uri"].as_str().unwrap().to_string(),
                    params["diagnostics"].as_array().unwrap().clone(),
                );
            } else if message["id"] == id {
                return message;
            }
        }
    }

    fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, path: &Path, position: (u32, u32)) -> Value {
        self.request(
            method,
            json!({
                "textDocument": {"uri": uri(path)},
                "position": {"line": position.0, "character": position.1},
                "context": {"triggerKind": 1},
            }),
        )
    }

    /// Ends the session as an editor does; returns the exit status.
    fn shutdown(mut self) -> i32 {
        let result = self.request("shutdown", Value::Null);
        assert!(result.is_null());
        self.notify("exit", Value::Null);
        drop(self.stdin);
        self.child.wait().unwrap().code().unwrap()
    }
}

/// A copy of the example repository (its `policies/`, with no `.git` above it, so that paths
/// are shown relative to its `cohere.yaml`), and its YAML files.
fn example() -> (tempfile::TempDir, PathBuf, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("policies");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"),
        &root,
    );
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    (dir, root, files)
}

/// `cohere lint --format json` in `root`.
fn lint_json(root: &Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_cohere"))
        .args(["lint", "--format", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(output.status.code().unwrap() <= 1, "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// One finding or diagnostic, in the terms both share: file, LSP range (lines from 0, columns
/// in UTF-16 units), rule, severity, and the first line of the message.
type Key = (String, u32, u32, u32, u32, String, String, String);

/// The UTF-16 column of a 1-based character column of a 1-based line of `text`.
fn utf16_column(text: &str, line: u64, column: u64) -> u32 {
    let line = text.split('\n').nth(line as usize - 1).unwrap_or("");
    line.chars()
        .take(column as usize - 1)
        .map(char::len_utf16)
        .sum::<usize>() as u32
}

fn lint_keys(root: &Path) -> Vec<Key> {
    let json = lint_json(root);
    let mut keys: Vec<Key> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let location = &f["location"];
            let path = location["path"].as_str().unwrap().to_string();
            let text = std::fs::read_to_string(root.join(&path)).unwrap();
            let n = |key: &str| location[key].as_u64().unwrap();
            (
                path,
                n("line") as u32 - 1,
                utf16_column(&text, n("line"), n("column")),
                n("end_line") as u32 - 1,
                utf16_column(&text, n("end_line"), n("end_column")),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    keys.sort();
    keys
}

fn diagnostic_keys(client: &Client, root: &Path) -> Vec<Key> {
    let prefix = uri(root) + "/";
    let mut keys: Vec<Key> = Vec::new();
    for (uri, diagnostics) in &client.diagnostics {
        let path = uri.strip_prefix(&prefix).unwrap().to_string();
        for d in diagnostics {
            let n = |end: &str, key: &str| d["range"][end][key].as_u64().unwrap() as u32;
            let severity = match d["severity"].as_u64().unwrap() {
                1 => "error",
                2 => "warning",
                3 => "info",
                other => panic!("severity {other}"),
            };
            assert_eq!(d["source"], "cohere");
            keys.push((
                path.clone(),
                n("start", "line"),
                n("start", "character"),
                n("end", "line"),
                n("end", "character"),
                d["code"].as_str().unwrap().to_string(),
                severity.to_string(),
                d["message"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            ));
        }
    }
    keys.sort();
    keys
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`, plus `shift` columns.
fn find(text: &str, needle: &str, shift: u32) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not found"));
    let line = text[..at].matches('\n').count() as u32;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].encode_utf16().count() as u32;
    (line, column + shift)
}

#[test]
fn the_editor_shows_what_cohere_lint_reports_and_follows_unsaved_changes() {
    let (_dir, root, files) = example();
    let expected = lint_keys(&root);
    assert!(expected.len() > 50, "the example has findings to compare");

    let mut client = Client::start();
    for file in &files {
        client.open(file, &std::fs::read_to_string(file).unwrap());
    }
    // Any request is answered after the changes before it are checked.
    let agreement = root.join("bilateral/labour-mobility-agreement.yaml");
    client.at("textDocument/hover", &agreement, (0, 0));
    assert_eq!(diagnostic_keys(&client, &root), expected);

    // An unsaved, half-typed edit: a YAML error at its place, never a dead server; the
    // findings that rested on the document's measures go, and files left without findings
    // get an empty list.
    let saved = std::fs::read_to_string(&agreement).unwrap();
    let cut = saved.find("  - id: recruitment-cost-cap").unwrap();
    let half = format!(
        "{}  - id: recruitment-cost-cap\n    effects: [{{target: sdg:",
        &saved[..cut]
    );
    client.change(&agreement, 2, &half);
    client.at("textDocument/hover", &agreement, (0, 0));
    let diagnostics = &client.diagnostics[&uri(&agreement)];
    assert!(
        diagnostics.iter().any(|d| d["code"] == "yaml-syntax"),
        "{diagnostics:?}"
    );
    // The buffer is what is checked, not the file on disk: the same as `cohere lint` on a
    // repository where the half-typed text is saved.
    std::fs::write(&agreement, &half).unwrap();
    assert_eq!(diagnostic_keys(&client, &root), lint_keys(&root));

    // A file whose findings all go gets an empty list: the local knowledge base's two
    // findings are about its interactions.
    let local = root.join("knowledge/local.yaml");
    let uri_local = uri(&local);
    assert!(!client.diagnostics[&uri_local].is_empty());
    let empty = "knowledge-base: nl-sl-corridor\ntitle: Corridor interactions\ninteractions: []\n";
    client.change(&local, 2, empty);
    client.at("textDocument/hover", &local, (0, 0));
    assert_eq!(client.diagnostics[&uri_local], Vec::<Value>::new());
    let saved_local = std::fs::read_to_string(&local).unwrap();
    std::fs::write(&local, empty).unwrap();
    assert_eq!(diagnostic_keys(&client, &root), lint_keys(&root));
    std::fs::write(&local, &saved_local).unwrap();
    client.change(&local, 3, &saved_local);

    // Back to the saved text: the same findings as at the start.
    std::fs::write(&agreement, &saved).unwrap();
    client.change(&agreement, 3, &saved);
    client.at("textDocument/hover", &agreement, (0, 0));
    assert_eq!(diagnostic_keys(&client, &root), expected);

    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hover_definition_completion_and_quick_fixes() {
    let (_dir, root, _) = example();
    let agreement = root.join("bilateral/labour-mobility-agreement.yaml");
    let text = std::fs::read_to_string(&agreement).unwrap();
    let mut client = Client::start();
    client.open(&agreement, &text);

    // Hover on a target: its title and framework as `cohere show` gives them, and the
    // interactions into and out of it.
    let shown = Command::new(env!("CARGO_BIN_EXE_cohere"))
        .args(["show", "gcm:6", "--format", "json"])
        .current_dir(&root)
        .output()
        .unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    let hover = client.at(
        "textDocument/hover",
        &agreement,
        find(&text, "target: gcm:6", 10),
    );
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with(&format!("**gcm:6** — {}", shown["title"].as_str().unwrap())),
        "{value}"
    );
    assert!(
        value.contains(shown["framework_title"].as_str().unwrap()),
        "{value}"
    );
    let out = shown["interactions_out"].as_array().unwrap().len();
    let into = shown["interactions_in"].as_array().unwrap().len();
    assert!(
        value.contains(&format!("**Interactions out of it** ({out})")),
        "{value}"
    );
    assert!(
        value.contains(&format!("**Interactions into it** ({into})")),
        "{value}"
    );
    let first_out = &shown["interactions_out"][0]["to"]["id"];
    assert!(
        value.contains(&format!("`{}`", first_out.as_str().unwrap())),
        "{value}"
    );
    assert_eq!(hover["range"]["start"]["character"], 16);
    assert_eq!(hover["range"]["end"]["character"], 21);

    // Hover on an institution and on a measure.
    let lead = find(&text, "lead: sl-overseas-employment", 8);
    let hover = client.at("textDocument/hover", &agreement, lead);
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with(
            "**sl-overseas-employment** — Southland Overseas Employment Administration"
        ),
        "{value}"
    );
    assert!(
        value.contains("nl-sl-labour-mobility/employer-pays-recruitment"),
        "{value}"
    );
    let measure = find(&text, "id: recruitment-cost-cap", 6);
    let hover = client.at("textDocument/hover", &agreement, measure);
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**nl-sl-labour-mobility/recruitment-cost-cap** — Cap on the costs"),
        "{value}"
    );
    assert!(value.contains("→ `sdg:10.7` +2 reinforcing"), "{value}");

    // Definitions: an institution in institutions.yaml, a measure at its id; an element built
    // into cohere has no file to go to.
    let institutions = root.join("institutions.yaml");
    let institutions_text = std::fs::read_to_string(&institutions).unwrap();
    let definition = client.at("textDocument/definition", &agreement, lead);
    assert_eq!(definition["uri"], uri(&institutions));
    let (line, column) = find(&institutions_text, "id: sl-overseas-employment", 4);
    assert_eq!(definition["range"]["start"]["line"], line);
    assert_eq!(definition["range"]["start"]["character"], column);
    let definition = client.at("textDocument/definition", &agreement, measure);
    assert_eq!(definition["uri"], uri(&agreement));
    assert_eq!(definition["range"]["start"]["line"], measure.0);
    let builtin = client.at(
        "textDocument/definition",
        &agreement,
        find(&text, "target: gcm:6", 10),
    );
    assert!(builtin.is_null(), "{builtin}");

    // Completion: a target with its title, replacing what is typed; an institution after
    // `lead:`.
    let typing = text.replacen("target: gcm:6", "target: sdg:10.", 1);
    client.change(&agreement, 2, &typing);
    let (line, column) = find(&typing, "target: sdg:10.", 15);
    let items = client.at("textDocument/completion", &agreement, (line, column));
    let items = items.as_array().unwrap();
    let target = items
        .iter()
        .find(|i| i["label"] == "sdg:10.7")
        .expect("sdg:10.7 offered");
    assert!(
        target["detail"]
            .as_str()
            .unwrap()
            .starts_with("Orderly, safe, regular and responsible migration"),
        "{target}"
    );
    assert_eq!(
        target["textEdit"]["range"]["start"]["character"],
        column - 7
    );
    assert!(
        items
            .iter()
            .all(|i| !i["label"].as_str().unwrap().starts_with("nl-"))
    );
    let lead_end = (lead.0, lead.1 + "sl-overseas-employment".len() as u32 - 8);
    let items = client.at("textDocument/completion", &agreement, lead_end);
    let items = items.as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["label"] == "nl-health" && i["detail"] == "Northland Ministry of Health"),
        "{items:?}"
    );
    assert!(
        items
            .iter()
            .all(|i| !i["label"].as_str().unwrap().starts_with("sdg:"))
    );

    // Quick fixes: a misspelt target gets its did-you-mean; an analysis finding gets a
    // suppression comment whose reason is left to write.
    let typo = text.replacen("target: gcm:6", "target: sdg:10.8", 1);
    client.change(&agreement, 3, &typo);
    let at = find(&typo, "target: sdg:10.8", 10);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&agreement)},
            "range": {"start": {"line": at.0, "character": at.1}, "end": {"line": at.0, "character": at.1}},
            "context": {"diagnostics": []},
        }),
    );
    let actions = actions.as_array().unwrap();
    let replace = actions
        .iter()
        .find(|a| a["title"] == "Replace with `sdg:10.7`")
        .unwrap_or_else(|| panic!("{actions:?}"));
    assert_eq!(replace["kind"], "quickfix");
    assert_eq!(replace["diagnostics"][0]["code"], "unknown-reference");
    let edit = &replace["edit"]["changes"][uri(&agreement)][0];
    assert_eq!(edit["newText"], "sdg:10.7");
    assert_eq!(edit["range"]["start"]["character"], 16);
    assert_eq!(edit["range"]["end"]["character"], 24);

    client.change(&agreement, 4, &text);
    client.at("textDocument/hover", &agreement, (0, 0));
    let loops = |client: &Client| {
        client.diagnostics[&uri(&agreement)]
            .iter()
            .filter(|d| d["code"] == "feedback-loop")
            .cloned()
            .collect::<Vec<Value>>()
    };
    let before = loops(&client);
    let finding = before
        .first()
        .cloned()
        .expect("the agreement has a feedback loop");
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri(&agreement)},
            "range": finding["range"],
            "context": {"diagnostics": [finding]},
        }),
    );
    let suppress = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Suppress `feedback-loop`")
        })
        .unwrap_or_else(|| panic!("{actions}"));
    let edit = &suppress["edit"]["changes"][uri(&agreement)][0];
    let line = finding["range"]["start"]["line"].as_u64().unwrap() as usize;
    let indent: String = text
        .lines()
        .nth(line)
        .unwrap()
        .chars()
        .take_while(|c| *c == ' ')
        .collect();
    assert_eq!(
        edit["newText"],
        format!("{indent}# cohere: allow(feedback-loop) --\n")
    );
    assert_eq!(edit["range"]["start"]["line"], line);
    assert_eq!(edit["range"]["start"]["character"], 0);

    // Applied as it is, the comment asks for its reason; with the reason written, it
    // suppresses the finding it was made for.
    let with_comment = |reason: &str| {
        let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
        lines.insert(
            line,
            format!("{indent}# cohere: allow(feedback-loop) --{reason}\n"),
        );
        lines.concat()
    };
    client.change(&agreement, 5, &with_comment(""));
    client.at("textDocument/hover", &agreement, (0, 0));
    let asked = &client.diagnostics[&uri(&agreement)];
    let invalid = asked
        .iter()
        .find(|d| d["code"] == "invalid-suppression")
        .unwrap_or_else(|| panic!("{asked:?}"));
    assert_eq!(invalid["range"]["start"]["line"], line);
    client.change(&agreement, 6, &with_comment(" accepted in the test"));
    client.at("textDocument/hover", &agreement, (0, 0));
    let after = loops(&client);
    assert!(after.len() < before.len(), "{after:?}");
    assert!(
        !after.iter().any(|d| d["message"] == finding["message"]),
        "{after:?}"
    );
    assert!(
        client.diagnostics[&uri(&agreement)]
            .iter()
            .all(|d| d["code"] != "invalid-suppression" && d["code"] != "unused-suppression")
    );

    assert_eq!(client.shutdown(), 0);
}

#[test]
fn broken_input_never_stops_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();

    let mut client = Client::start();
    // A loose draft (no cohere.yaml above it), half typed: checked with the built-in defaults,
    // as `cohere lint draft.yaml` checks it.
    let draft = root.join("draft.yaml");
    std::fs::write(&draft, "").unwrap();
    client.open(
        &draft,
        "policy: p\ntitle: T\nmeasures:\n  - id: m\n    effects:\n      - target: \"sdg:",
    );
    let past_the_end = client.at("textDocument/hover", &draft, (99, 99));
    assert!(past_the_end.is_null());
    let diagnostics = &client.diagnostics[&uri(&draft)];
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "yaml-syntax");
    let items = client.at("textDocument/completion", &draft, (5, 20));
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["label"] == "sdg:10.7")
    );

    // Requests the server cannot read, or does not know, are refused one by one.
    let response = client.request_raw("textDocument/hover", json!({"nonsense": true}));
    assert_eq!(response["error"]["code"], -32602);
    let response = client.request_raw("workspace/symbol", json!({"query": ""}));
    assert_eq!(response["error"]["code"], -32601);
    client.notify("textDocument/didChange", json!({"garbage": 1}));
    client.notify("$/cancelRequest", json!({"id": 1}));

    // A project file that cannot be read (`cohere lint` exits 2) is one diagnostic on it.
    let project = root.join("repo/cohere.yaml");
    std::fs::create_dir_all(project.parent().unwrap()).unwrap();
    std::fs::write(&project, "policies: [\n").unwrap();
    let policy = root.join("repo/policy.yaml");
    std::fs::write(&policy, "policy: p\n").unwrap();
    client.open(&policy, "policy: p\n");
    client.at("textDocument/hover", &policy, (0, 0));
    let on_project = &client.diagnostics[&uri(&project)];
    assert_eq!(on_project.len(), 1, "{on_project:?}");
    assert!(
        on_project[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("cohere cannot check this project"),
        "{on_project:?}"
    );

    // Still answering.
    let items = client.at("textDocument/completion", &draft, (5, 20));
    assert!(!items.as_array().unwrap().is_empty());

    // `exit` without `shutdown`: exit status 1, as the protocol says.
    client.notify("exit", Value::Null);
    drop(client.stdin);
    assert_eq!(client.child.wait().unwrap().code(), Some(1));
}

#[test]
fn definitions_lead_into_the_repository_own_frameworks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let files = [
        (
            "cohere.yaml",
            "frameworks: [sdg, migof, gcm, pcsd, capacity, group, rights, local.yaml]\n",
        ),
        (
            "local.yaml",
            "framework: nl\ntitle: Northland commitments\nsource: Cabinet decision 2026/14\nelements:\n  - id: fair-wages\n    kind: target\n    title: Fair wages for care workers\n",
        ),
        (
            "policy.yaml",
            "policy: p\ntitle: T\nlevel: national\nperspective: destination\nmeasures:\n  - id: m\n    title: M\n    effects:\n      - target: nl:fair-wages\n        score: 2\n      - target: sdg:10.7\n        score: 1\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(root.join(name), text).unwrap();
    }
    let policy = root.join("policy.yaml");
    let text = files[2].1;
    let mut client = Client::start();
    client.open(&policy, text);

    let own = find(text, "nl:fair-wages", 3);
    let definition = client.at("textDocument/definition", &policy, own);
    assert_eq!(definition["uri"], uri(&root.join("local.yaml")));
    let (line, column) = find(files[1].1, "fair-wages", 0);
    assert_eq!(definition["range"]["start"]["line"], line);
    assert_eq!(definition["range"]["start"]["character"], column);
    let hover = client.at("textDocument/hover", &policy, own);
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(
        value.starts_with("**nl:fair-wages** — Fair wages for care workers"),
        "{value}"
    );
    assert!(value.contains("local.yaml:5:"), "{value}");
    assert!(value.contains("`p/m` +2"), "{value}");

    // A built-in element: shown, with no file to go to.
    let builtin = find(text, "sdg:10.7", 3);
    assert!(
        client
            .at("textDocument/definition", &policy, builtin)
            .is_null()
    );
    let hover = client.at("textDocument/hover", &policy, builtin);
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("built into cohere")
    );
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn every_half_typed_state_of_a_policy_is_checked_and_answered() {
    let (_dir, root, _) = example();
    let agreement = root.join("bilateral/labour-mobility-agreement.yaml");
    let text = std::fs::read_to_string(&agreement).unwrap();
    let mut client = Client::start();
    client.open(&agreement, &text);
    // The document as it is while being typed: cut at 30 places spread over it, mid-line,
    // mid-word and mid-quote, each followed by a request that must be answered.
    let cuts: Vec<usize> = (1..=30)
        .map(|i| {
            let mut at = text.len() * i / 31 + i % 7;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            at
        })
        .collect();
    for (version, cut) in cuts.into_iter().enumerate() {
        let typed = &text[..cut];
        client.change(&agreement, version as i32 + 2, typed);
        let end = find(&format!("{typed}\u{0}"), "\u{0}", 0);
        let items = client.at("textDocument/completion", &agreement, end);
        assert!(items.is_array(), "{items}");
        client.at("textDocument/hover", &agreement, end);
        // What is shown for the document lies inside the text typed so far.
        let lines = typed.split('\n').count() as u64;
        for d in client
            .diagnostics
            .get(&uri(&agreement))
            .into_iter()
            .flatten()
        {
            assert!(
                d["range"]["end"]["line"].as_u64().unwrap() < lines,
                "{d} at {cut}"
            );
        }
    }
    client.change(&agreement, 40, &text);
    client.at("textDocument/hover", &agreement, (0, 0));
    let diagnostics = &client.diagnostics[&uri(&agreement)];
    assert!(diagnostics.iter().all(|d| d["code"] != "yaml-syntax"));
    assert!(diagnostics.iter().any(|d| d["code"] == "feedback-loop"));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn files_changed_on_disk_are_read_again() {
    let (_dir, root, _) = example();
    let agreement = root.join("bilateral/labour-mobility-agreement.yaml");
    let text = std::fs::read_to_string(&agreement).unwrap();
    let watching = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut client = Client::start_with(watching);
    client.open(&agreement, &text);
    let lead = find(&text, "lead: sl-overseas-employment", 8);
    client.at("textDocument/hover", &agreement, lead);
    // The server asked to hear of YAML files changing on disk.
    let registration = &client.registrations[0]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let unknown = |client: &Client| {
        client.diagnostics[&uri(&agreement)]
            .iter()
            .any(|d| d["code"] == "unknown-reference")
    };
    assert!(!unknown(&client));

    // Another tool renames an institution in institutions.yaml, which is not open.
    let institutions = root.join("institutions.yaml");
    let declared = std::fs::read_to_string(&institutions).unwrap();
    std::fs::write(
        &institutions,
        declared.replace("id: sl-overseas-employment", "id: sl-employment-abroad"),
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&institutions), "type": 2}]}),
    );
    client.at("textDocument/hover", &agreement, lead);
    assert!(unknown(&client));
    assert_eq!(client.shutdown(), 0);
}
