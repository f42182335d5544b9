// Small progressive enhancements; the portal works without JavaScript.
// Prevent double submission: disable a form's submit buttons once it is sent.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted === "1") { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  form.querySelectorAll("button[data-once]").forEach(function (b) { b.disabled = true; });
});
