// The access token of a shared server, typed once per tab (kept in sessionStorage, sent
// only to this server, as `Authorization: Bearer`).
"use strict";

(() => {
  const form = document.getElementById("token-form");
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    threadline.setToken(form.elements.token.value);
    form.elements.token.value = "";
    threadline.say(form.querySelector(".message"), "kept for this tab");
  });
})();
