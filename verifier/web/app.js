// The verification page: reads a proof from the camera, an uploaded image
// or file, a paste, a drop or the URL fragment, sends it to
// /api/v1/verify and shows the result. Every value shown is set with
// textContent, never parsed as HTML, and control and bidirectional
// formatting characters in it are shown as escapes, so a credential cannot
// reorder or hide the text around it. The page's words come from the
// server's catalogue (/api/v1/messages) in the reader's language.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  // The reader's language and its messages (English → translation). The
  // tables below hold English until loadLanguage translates them; t and tf
  // translate when called.
  let lang = "en";
  let messages = {};
  let languageReady = Promise.resolve();
  const marks = { pass: "✓", fail: "✗", warning: "!", pending: "…", "not-checked": "–" };
  const statusWords = { pass: t("passed"), fail: t("failed"), warning: t("warning"), pending: t("pending"), "not-checked": t("not checked") };
  const headlines = {
    "verified": t("✓ Verified"),
    "pending": t("… Pending: recorded, but too recently to rely on. Check again in a few minutes"),
    "not-verified": t("✗ Not verified"),
    "incomplete": t("! Not fully checked: try again later"),
    "offline-only": t("– Not verified: this service checks no blockchain registry, and anyone can make a proof that passes its other checks"),
  };

  // Own keys only: a name from a bundle ("constructor") is not a message.
  function t(english) { return Object.hasOwn(messages, english) && messages[english] || english; }
  // tf translates a format and fills its %s and %d (or %[n]s) with args.
  function tf(format, ...args) {
    let next = 0;
    return t(format).replace(/%(?:\[(\d+)\])?[sd]/g, (_, n) => {
      const i = n ? Number(n) - 1 : next;
      next = i + 1;
      return String(args[i]);
    });
  }

  // shown makes a value safe to show as text: control characters and
  // bidirectional formatting characters become visible escapes.
  function shown(value) {
    return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  function busy(text) { $("busy").textContent = text; }

  // loadLanguage fetches the catalogue of the language chosen with ?lang=
  // (remembered in this browser) or, failing that, the browser's own, and
  // translates the page. Without it, the page stays in English.
  async function loadLanguage() {
    let chosen = new URLSearchParams(location.search).get("lang");
    try {
      if (chosen) { localStorage.setItem("credseal-lang", chosen); } else { chosen = localStorage.getItem("credseal-lang"); }
    } catch (e) { /* storage refused: the choice lasts for this page only */ }
    let languages = [];
    try {
      // A slow catalogue must not hold the page: after 5 s it stays English.
      const resp = await fetch("/api/v1/messages" + (chosen ? "?lang=" + encodeURIComponent(chosen) : ""), { signal: AbortSignal.timeout(5000) });
      const m = await resp.json();
      lang = m.lang || "en";
      messages = m.messages || {};
      languages = m.languages || [];
    } catch (e) {
      return;
    }
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll("[data-i18n]")) { el.textContent = t(el.textContent.replace(/\s+/g, " ").trim()); }
    for (const el of document.querySelectorAll("[aria-label]")) { el.setAttribute("aria-label", t(el.getAttribute("aria-label"))); }
    for (const table of [statusWords, headlines, kinds]) {
      for (const k of Object.keys(table)) { table[k] = t(table[k]); }
    }
    languageSwitch(languages);
  }

  // languageSwitch lists the languages, each named in itself, as links
  // that reload the page in it.
  function languageSwitch(languages) {
    const nav = $("languages");
    const list = nav.querySelector("ul");
    list.replaceChildren();
    for (const l of languages) {
      const a = document.createElement("a");
      a.href = "?lang=" + encodeURIComponent(l.tag) + location.hash;
      a.lang = l.tag;
      a.hreflang = l.tag;
      a.textContent = l.name;
      if (l.tag === lang) { a.setAttribute("aria-current", "true"); }
      const li = document.createElement("li");
      li.append(a);
      list.append(li);
    }
    nav.hidden = languages.length < 2;
  }

  async function verify(body, type) {
    await languageReady;
    busy(t("Verifying…"));
    try {
      const headers = type ? { "Content-Type": type } : {};
      const resp = await fetch("/api/v1/verify?lang=" + encodeURIComponent(lang), { method: "POST", body: body, headers: headers });
      let data = null;
      try { data = await resp.json(); } catch (e) { /* not JSON */ }
      if (!resp.ok) {
        const e = (data && data.error) || {};
        const words = errorText(e.code);
        // The server's own message (English, technical) goes under ours.
        showError(words || e.message || tf("The service answered %d.", resp.status), words ? e.message : "");
        return;
      }
      render(data);
    } catch (e) {
      showError(t("The verification service could not be reached."));
    } finally {
      busy("");
    }
  }

  function verifyText(text) {
    text = text.trim();
    const i = text.indexOf("#CS1:");
    if (i >= 0) { text = decodeURIComponent(text.slice(i + 1)); }
    if (text === "") { showError(t("Nothing to verify: paste a proof or choose a file.")); return; }
    verify(text, text.startsWith("{") ? "application/json" : "text/plain");
  }

  function verifyFile(file) {
    if (!file) { return; }
    if (file.type.startsWith("image/")) {
      const form = new FormData();
      form.append("qr", file);
      verify(form, null);
    } else {
      file.text().then(verifyText);
    }
  }

  function row(dl, term, value) {
    if (value === undefined || value === null || value === "") { return; }
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = shown(value);
    dl.append(dt, dd);
  }

  // The kinds of credential the verifier reads, as the result names them.
  const kinds = {
    "credseal": t("credseal proof (anchored on a blockchain)"),
    "verifiable-credential": t("Verifiable Credential (W3C; Open Badges 3.0)"),
    "openattestation": t("OpenAttestation document"),
  };

  function date(s) { return s ? s.split("T")[0] : ""; }

  function render(res) {
    const section = $("result");
    section.hidden = false;
    const verdict = $("verdict");
    verdict.className = "verdict " + res.verdict;
    verdict.textContent = headlines[res.verdict] || res.verdict;
    const c = res.credential || {};
    const summary = $("summary");
    summary.replaceChildren();
    row(summary, t("Kind"), kinds[res.kind] || kinds.credseal);
    section.dataset.kind = res.kind || "credseal";
    row(summary, t("Learner"), c.learner || t("(not shown)"));
    row(summary, t("Credential"), c.title);
    const claimed = () => {
      if (c.claimedIssuer && c.claimedIssuer !== c.accreditedIssuer) { row(summary, t("Name in the credential"), tf("%s (as claimed)", c.claimedIssuer)); }
    };
    if (c.accreditedIssuer && res.kind && res.kind !== "credseal") {
      row(summary, t("Issuer"), tf("%s, on this verifier's trust list", c.accreditedIssuer));
      claimed();
    } else if (c.accreditedIssuer) {
      row(summary, t("Issuer"), tf("%s (%s), as the registry accredits it", c.accreditedIssuer, c.issuerDomain));
      claimed();
    } else if (c.claimedIssuer) {
      row(summary, t("Issuer"), tf("%s (as claimed by the credential: not confirmed by a registry)", c.claimedIssuer));
    }
    row(summary, t("Issued"), date(c.validFrom));
    row(summary, t("Valid until"), c.validUntil ? date(c.validUntil) : (c.validFrom && res.verdict !== "not-verified" ? t("no end date") : ""));
    if (c.hidden && c.hidden.length) {
      row(summary, t("Hidden by the holder"), c.hidden.map((h) => t(h)).join(", "));
    } else if (c.hiddenFields > 0) {
      row(summary, t("Hidden by the holder"), tf("%d field(s), not named (an older proof)", c.hiddenFields));
    }
    const list = $("checks");
    list.replaceChildren();
    for (const ch of res.checks || []) {
      const li = document.createElement("li");
      li.className = ch.status;
      li.dataset.check = ch.id;
      const mark = document.createElement("span");
      mark.className = "mark";
      mark.textContent = marks[ch.status] || "?";
      mark.setAttribute("role", "img"); // a symbol with a name: "passed", "failed"…
      mark.setAttribute("aria-label", statusWords[ch.status] || ch.status);
      const title = document.createElement("span");
      title.className = "title";
      title.textContent = ch.title;
      const reason = document.createElement("span");
      reason.className = "reason";
      reason.textContent = shown(ch.reason);
      li.append(mark, title, reason);
      if (ch.detail) {
        const detail = document.createElement("span");
        detail.className = "detail";
        detail.textContent = shown(ch.detail);
        li.append(detail);
      }
      list.append(li);
    }
    const tech = $("tech");
    tech.replaceChildren();
    for (const k of Object.keys(res.technical || {}).sort()) { row(tech, k, res.technical[k]); }
    section.scrollIntoView({ block: "start" });
    // The verdict takes the focus, so a screen reader reads it and a
    // keyboard user goes on from there.
    verdict.focus({ preventScroll: true });
  }

  // errorText says, in the reader's language, what an API error code
  // means ("" for a code it does not know).
  function errorText(code) {
    switch (code) {
      case "unreadable_proof": return t("This is not a proof this page can read: not a credseal proof, an Open Badge or an OpenAttestation document.");
      case "no_qr_code": return t("No readable QR code was found in the image. Try a sharper photo, closer to the code.");
      case "too_large": return t("This is too large to be a proof. Send a photo of the QR code, or the proof file itself.");
      case "rate_limited": return t("Too many verifications from this connection. Wait a moment and try again.");
      case "busy": return t("The service is busy reading other images. Try again in a moment.");
    }
    return "";
  }

  function showError(message, detail) {
    render({ verdict: "not-verified", credential: {}, checks: [{ id: "format", title: t("Readable proof"), status: "fail", reason: message, detail: detail || "" }] });
    $("verdict").textContent = t("✗ Could not read this proof");
  }

  // Camera: the native BarcodeDetector where there is one, else jsQR.
  let stream = null;
  async function scan() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      showError(t("The camera is not available here. Upload a photo of the QR code instead."));
      return;
    }
    const video = $("video");
    video.srcObject = stream;
    $("camera").hidden = false;
    await video.play();
    let detector = await qrDetector();
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const tick = async () => {
      if (!stream) { return; }
      let text = null;
      if (video.readyState >= 2) {
        if (detector) {
          try {
            const codes = await detector.detect(video);
            if (codes.length) { text = codes[0].rawValue; }
          } catch (e) {
            detector = null; // a detector that cannot run: jsQR from the next frame
          }
        } else if (window.jsQR) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          ctx.drawImage(video, 0, 0);
          const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
          const code = window.jsQR(img.data, img.width, img.height);
          if (code) { text = code.data; }
        }
      }
      if (text) { stopCamera(); verifyText(text); return; }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  // qrDetector is the native BarcodeDetector when it reads QR codes here:
  // some browsers have the class but support no format, or not QR codes, and
  // jsQR must read them there.
  async function qrDetector() {
    if (!("BarcodeDetector" in window)) { return null; }
    try {
      const formats = await window.BarcodeDetector.getSupportedFormats();
      return formats.includes("qr_code") ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    } catch (e) {
      return null;
    }
  }

  function stopCamera() {
    if (stream) { stream.getTracks().forEach((t) => t.stop()); }
    stream = null;
    $("camera").hidden = true;
  }

  function fromHash() {
    if (location.hash.startsWith("#CS1:")) { verifyText(location.hash); }
  }

  // A verifier without a registry says so before anything is checked.
  function offlineNotice() {
    fetch("/api/v1/health").then((r) => r.json()).then((h) => {
      if (h && h.registryChecked === false) { $("offline").hidden = false; }
    }).catch(() => {});
  }

  // The handlers are in place before the catalogue arrives, so nothing
  // dropped or pasted early is lost; a verification waits for it instead,
  // to answer in the reader's language.
  document.addEventListener("DOMContentLoaded", () => {
    languageReady = loadLanguage();
    offlineNotice();
    $("scan").addEventListener("click", scan);
    $("stop").addEventListener("click", stopCamera);
    const file = $("file");
    file.addEventListener("change", () => {
      const f = file.files[0];
      file.value = ""; // so choosing the same file again verifies it again
      verifyFile(f);
    });
    $("check").addEventListener("click", () => verifyText($("paste").value));
    // The drop zone is a button: a click, Enter or Space opens the file
    // chooser (Space on release, as native buttons do).
    const drop = $("drop");
    drop.addEventListener("click", () => file.click());
    drop.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.repeat) { e.preventDefault(); file.click(); }
      if (e.key === " ") { e.preventDefault(); } // no page scroll
    });
    drop.addEventListener("keyup", (e) => {
      if (e.key === " ") { e.preventDefault(); file.click(); }
    });
    // Anything dropped on the input card counts, not only on the zone.
    const card = $("input");
    card.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
    card.addEventListener("dragleave", (e) => { if (!card.contains(e.relatedTarget)) { drop.classList.remove("over"); } });
    card.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer.files.length) { verifyFile(e.dataTransfer.files[0]); } else { verifyText(e.dataTransfer.getData("text")); }
    });
    // A paste outside the text box is verified at once: text, or an image
    // (a screenshot of a QR code).
    document.addEventListener("paste", (e) => {
      if (e.target === $("paste") || !e.clipboardData) { return; }
      if (e.clipboardData.files.length) { e.preventDefault(); verifyFile(e.clipboardData.files[0]); return; }
      const text = e.clipboardData.getData("text");
      if (text) { e.preventDefault(); verifyText(text); }
    });
    window.addEventListener("hashchange", fromHash);
    fromHash();
  });
})();
