// Choosing a new session's questions: a box per dimension ticks or clears all its questions,
// and "Select all" / "Select none" do it for every dimension. Without JavaScript these
// controls stay hidden and each question is ticked on its own.
(function () {
  "use strict";
  var list = document.querySelector("fieldset.questions");
  if (!list) { return; }

  function boxes(scope) {
    return [].slice.call(scope.querySelectorAll("input[name=questions]"));
  }

  function show(dimension) {
    var all = boxes(dimension);
    var ticked = all.filter(function (b) { return b.checked; }).length;
    var whole = dimension.querySelector("input[data-all]");
    whole.checked = ticked === all.length;
    whole.indeterminate = ticked > 0 && ticked < all.length;
    dimension.querySelector(".picked").textContent = String(ticked);
  }

  var dimensions = [].slice.call(list.querySelectorAll("details.dimension"));
  dimensions.forEach(function (dimension) {
    dimension.querySelector(".all-of").hidden = false;
    show(dimension);
  });
  list.querySelector(".pick-all").hidden = false;

  list.addEventListener("change", function (event) {
    var dimension = event.target.closest("details.dimension");
    if (!dimension) { return; }
    if (event.target.hasAttribute("data-all")) {
      boxes(dimension).forEach(function (b) { b.checked = event.target.checked; });
    }
    show(dimension);
  });

  list.addEventListener("click", function (event) {
    var pick = event.target.getAttribute && event.target.getAttribute("data-pick");
    if (!pick) { return; }
    boxes(list).forEach(function (b) { b.checked = pick === "all"; });
    dimensions.forEach(show);
  });
})();
