// Shared by every page: JSON requests to this server's API (never another origin).
"use strict";

const threadline = (() => {
  const TOKEN_KEY = "threadline-token";

  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function setToken(value) {
    window.sessionStorage.setItem(TOKEN_KEY, value);
  }

  // The API's one error shape: {"error": {"status", "code", "message", "fields"}}
  async function readAnswer(response) {
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
      throw new Error(message);
    }
    return body;
  }

  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== "" && value !== null && value !== undefined) url.searchParams.set(key, value);
    }
    return readAnswer(await fetch(url, { headers: { Accept: "application/json" } }));
  }

  async function postJSON(path, body) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (token()) headers.Authorization = `Bearer ${token()}`;
    const response = await fetch(new URL(path, window.location.origin), {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
    return readAnswer(response);
  }

  // Text only: whatever a story or a name holds is shown, never run.
  function element(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function say(target, text) {
    if (target) target.textContent = text;
  }

  // A colour per category, the same on every page and every run.
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
  const TYPE_COLOURS = { person: "#1f77b4", organization: "#d62728", location: "#2ca02c", other: "#7f7f7f", event: "#ff7f0e" };

  function colourOf(name) {
    let hash = 0;
    for (const ch of String(name)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
    return PALETTE[hash % PALETTE.length];
  }

  function typeColour(type) {
    return TYPE_COLOURS[type] || colourOf(type);
  }

  return { token, setToken, getJSON, postJSON, element, say, colourOf, typeColour };
})();
