/* The quick exit, the site's one script (issue 18). Without it, the "leave this site quickly"
   link is an ordinary link. With it, the link blanks the page at once and leaves with
   location.replace, so that Back does not return to this page; pressing Shift three times
   within five seconds does the same. No other request, no stored data. */
(function () {
  var link = document.querySelector("a.quick-exit");
  if (!link || !window.location.replace) return;
  var target = link.href, presses = [];
  function leave() {
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    if (document.body) document.body.innerHTML = "";
    window.location.replace(target);
  }
  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) return;
    var now = Date.now();
    presses.push(now);
    while (now - presses[0] > 5000) presses.shift();
    if (presses.length >= 3) leave();
  });
})();
