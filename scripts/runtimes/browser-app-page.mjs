// @ts-check
/**
 * The web app of `browser-app.mjs`, plain DOM: lists room 42's participants through the bundled client from a fake
 * tenant on another origin (query string: `api`, `token`) and adds the name typed into the form.
 */
/** @type {typeof import("../../src/index.js")} */
const lib = await import(new URL("client.js", import.meta.url).href);
const query = new URL(location.href).searchParams;
const chat = lib.createChatClient({ baseUrl: query.get("api") ?? "", sessionToken: query.get("token") ?? "", logger: false });

const list = /** @type {HTMLUListElement} */ (document.getElementById("participants"));
const form = /** @type {HTMLFormElement} */ (document.getElementById("add"));
const input = /** @type {HTMLInputElement} */ (document.getElementById("name"));
const status = /** @type {HTMLElement} */ (document.getElementById("status"));

/** Shows the room's participants and says in `#status` that the list is current. */
async function refresh() {
  const participants = await chat.chatroomParticipants.list({ chatroom: "42" });
  list.replaceChildren(...participants.map((participant) => Object.assign(document.createElement("li"), { textContent: participant.first_name ?? "" })));
  status.textContent = `listed ${participants.length}`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  status.textContent = "adding";
  chat.chatroomParticipants
    .add({ chatroom: { id: 42 }, first_name: input.value })
    .then(refresh)
    .catch((/** @type {Error} */ error) => (status.textContent = `failed: ${error.name}: ${error.message}`));
});

refresh().catch((/** @type {Error} */ error) => (status.textContent = `failed: ${error.name}: ${error.message}`));
