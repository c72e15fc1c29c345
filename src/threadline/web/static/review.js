// Review on an entity's page: accept or reject a fact or event, merge, split, rename.
// Each is stored as a judgement; the page reloads to show the store's new state at once.
"use strict";

(() => {
  const article = document.querySelector("article.entity");
  const entityId = article ? article.dataset.entityId : null;
  const status = document.querySelector(".curate .message");

  async function judge(path, body, where) {
    threadline.say(where || status, "Saving…");
    try {
      await threadline.postJSON(path, body);
      window.location.reload();
    } catch (error) {
      threadline.say(where || status, `Not saved: ${error.message}`);
    }
  }

  for (const button of document.querySelectorAll("button.judge")) {
    button.addEventListener("click", () => {
      const holder = button.closest(".review");
      judge("/api/judgements/review", {
        target_kind: holder.dataset.targetKind,
        target_id: holder.dataset.targetId,
        verdict: button.dataset.verdict,
      });
    });
  }

  const bodies = {
    merge: (form) => ({ first: entityId, second: form.elements.other.value, force: form.elements.force.checked }),
    split: (form) => ({ entity: entityId, alias: form.elements.alias.value }),
    rename: (form) => ({ entity: entityId, name: form.elements.name.value }),
  };
  for (const form of document.querySelectorAll("form.judgement")) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const action = form.dataset.action;
      judge(`/api/judgements/${action}`, bodies[action](form));
    });
  }

})();
