// The verification page: reads a proof from the camera, an uploaded image
// or file, a paste, a drop or the URL fragment, sends it to
// /api/v1/verify and shows the result. Every value shown is set with
// textContent, never parsed as HTML, and control and bidirectional
// formatting characters in it are shown as escapes, so a credential cannot
// reorder or hide the text around it.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const marks = { pass: "✓", fail: "✗", warning: "!", pending: "…", "not-checked": "–" };
  const statusWords = { pass: "passed", fail: "failed", warning: "warning", pending: "pending", "not-checked": "not checked" };
  const headlines = {
    "verified": "✓ Verified",
    "pending": "… Pending: recorded, but too recently to rely on. Check again in a few minutes",
    "not-verified": "✗ Not verified",
    "incomplete": "! Not fully checked: try again later",
    "offline-only": "– Not verified: this service checks no blockchain registry, and anyone can make a proof that passes its other checks",
  };

  // shown makes a value safe to show as text: control characters and
  // bidirectional formatting characters become visible escapes.
  function shown(value) {
    return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
  }

  function busy(text) { $("busy").textContent = text; }

  async function verify(body, type) {
    busy("Verifying…");
    try {
      const headers = type ? { "Content-Type": type } : {};
      const resp = await fetch("/api/v1/verify", { method: "POST", body: body, headers: headers });
      let data = null;
      try { data = await resp.json(); } catch (e) { /* not JSON */ }
      if (!resp.ok) {
        showError((data && data.error && data.error.message) || ("The service answered " + resp.status + "."));
        return;
      }
      render(data);
    } catch (e) {
      showError("The verification service could not be reached.");
    } finally {
      busy("");
    }
  }

  function verifyText(text) {
    text = text.trim();
    const i = text.indexOf("#CS1:");
    if (i >= 0) { text = decodeURIComponent(text.slice(i + 1)); }
    if (text === "") { showError("Nothing to verify: paste a proof or choose a file."); return; }
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
    "credseal": "credseal proof (anchored on a blockchain)",
    "verifiable-credential": "Verifiable Credential (W3C; Open Badges 3.0)",
    "openattestation": "OpenAttestation document",
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
    row(summary, "Kind", kinds[res.kind] || kinds.credseal);
    section.dataset.kind = res.kind || "credseal";
    row(summary, "Learner", c.learner || "(not shown)");
    row(summary, "Credential", c.title);
    if (c.accreditedIssuer && res.kind && res.kind !== "credseal") {
      row(summary, "Issuer", c.accreditedIssuer + ", on this verifier's trust list");
      if (c.claimedIssuer && c.claimedIssuer !== c.accreditedIssuer) { row(summary, "Name in the credential", c.claimedIssuer + " (as claimed)"); }
    } else if (c.accreditedIssuer) {
      row(summary, "Issuer", c.accreditedIssuer + " (" + c.issuerDomain + "), as the registry accredits it");
      if (c.claimedIssuer && c.claimedIssuer !== c.accreditedIssuer) { row(summary, "Name in the credential", c.claimedIssuer + " (as claimed)"); }
    } else if (c.claimedIssuer) {
      row(summary, "Issuer", c.claimedIssuer + " (as claimed by the credential: not confirmed by a registry)");
    }
    row(summary, "Issued", date(c.validFrom));
    row(summary, "Valid until", c.validUntil ? date(c.validUntil) : (c.validFrom && res.verdict !== "not-verified" ? "no end date" : ""));
    if (c.hidden && c.hidden.length) {
      row(summary, "Hidden by the holder", c.hidden.join(", "));
    } else if (c.hiddenFields > 0) {
      row(summary, "Hidden by the holder", c.hiddenFields + " field(s), not named (an older proof)");
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

  function showError(message) {
    render({ verdict: "not-verified", credential: {}, checks: [{ id: "format", title: "Readable proof", status: "fail", reason: message }] });
    $("verdict").textContent = "✗ Could not read this proof";
  }

  // Camera: the native BarcodeDetector where there is one, else jsQR.
  let stream = null;
  async function scan() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      showError("The camera is not available here. Upload a photo of the QR code instead.");
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

  document.addEventListener("DOMContentLoaded", () => {
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
