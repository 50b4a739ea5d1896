// SPDX-License-Identifier: MIT
/*
 * portal.js - keeps the tracking and chat pages fresh while they are open.
 *
 * Plain JavaScript, no library. Every page is whole as the server sends
 * it; this only polls the same view's JSON (/api/v1/tracking or
 * /api/v1/chat) every 15 seconds and updates the page in place. On the
 * chat it also sends the page's own "Mark as read" form for the shop's
 * messages once they are in view, as the customer could by hand. With
 * JavaScript off, or on any error, the page simply stays as it was and a
 * reload shows the news. Text is always set with textContent, never as
 * markup, so nothing from a document can become code.
 *
 * The menu is a <details> that opens and closes without any script; here
 * Escape also closes it, as a menu does, and gives the focus back to its
 * button.
 */
(function () {
	"use strict";

	var menu = document.querySelector && document.querySelector("nav.portal-nav details.menu");

	if (!menu)
		return;
	menu.addEventListener("keydown", function (e) {
		if (e.key !== "Escape" || !menu.open)
			return;
		menu.open = false;
		menu.querySelector("summary").focus();
		e.preventDefault();
	});
})();

(function () {
	"use strict";

	var PERIOD_MS = 15000;
	var kind = document.body && document.body.getAttribute("data-refresh");

	if (!kind || !window.fetch || !document.getElementById)
		return;

	function getJSON(url) {
		return fetch(url, {
			credentials: "same-origin",
			cache: "no-store",
			headers: { "Accept": "application/json" }
		}).then(function (r) {
			if (!r.ok)
				throw new Error("HTTP " + r.status);
			return r.json();
		});
	}

	/* A <time> of `iso` reading `words`: the document's own words for it,
	 * the ones the server wrote on the page. */
	function timeElement(iso, words) {
		var t = document.createElement("time");
		t.setAttribute("datetime", iso);
		t.textContent = words || iso;
		return t;
	}

	/* Metres as the server says them: "850 m", "2 km", "1.9 km". */
	function distance(m) {
		if (m < 1000)
			return m + " m";
		return m % 1000 === 0 ? (m / 1000) + " km" : (m / 1000).toFixed(1) + " km";
	}

	function setText(id, text) {
		var el = document.getElementById(id);
		if (el && text !== null && text !== undefined)
			el.textContent = text;
		return el;
	}

	/* The content of element `id` becomes the time `iso` in `words`. */
	function setTime(id, iso, words) {
		var el = document.getElementById(id);
		if (el && iso) {
			el.textContent = "";
			el.appendChild(timeElement(iso, words));
		}
	}

	/* ---- tracking ---- */

	/* Every value the page shows of the visit comes from one document:
	 * what the server drew is drawn again from the one polled. When a
	 * value comes or goes, the page's shape changes and the server draws
	 * it anew (false). */

	function known(x) {
		return x !== null && x !== undefined;
	}

	/* Does the page hold an element for each value the document has, and
	 * none for a value it lacks? */
	function sameShape(v) {
		var svg = document.getElementById("map");
		var mapped = !!(v.position && (v.destination || typeof v.distance_m === "number"));
		var pairs = [["track-eta", v.eta_text], ["track-eta-window", v.eta_window_text],
			["track-distance", v.distance_m], ["track-road", v.road_distance_m],
			["track-updated", v.updated_minutes_ago], ["track-window", v.window_start_text],
			["track-tech", v.technician && v.technician.first_name],
			["track-status-at", v.status_at_text], ["track-door", v.door_code]];
		var i;

		for (i = 0; i < pairs.length; i++)
			if (!!document.getElementById(pairs[i][0]) !== known(pairs[i][1]))
				return false;
		if (!!svg !== mapped)
			return false;
		if (svg && (svg.getAttribute("data-mode") === "positions") !== !!v.destination)
			return false;
		return true;
	}

	function numberAttr(el, name) {
		return parseFloat(el.getAttribute(name));
	}

	/* The longest round length that takes at most a third of the map. */
	function scaleLength(svg, scale) {
		var lengths = svg.getAttribute("data-scales").split(" ").map(Number);
		var width = svg.viewBox.baseVal.width, i;

		for (i = 0; i < lengths.length; i++)
			if (lengths[i] * scale <= width / 3)
				return lengths[i];
		return 10;
	}

	function drawScale(svg, scale) {
		var len = scaleLength(svg, scale);
		var bar = document.getElementById("map-scale-bar");

		if (bar)
			bar.setAttribute("d", "M12 " + (svg.viewBox.baseVal.height - 20) + " v6 h" +
				(len * scale).toFixed(1) + " v-6");
		setText("map-scale-text", distance(len));
	}

	function translate(el, x, y) {
		if (el)
			el.setAttribute("transform", "translate(" + x.toFixed(1) + " " + y.toFixed(1) + ")");
	}

	/* The circle of the position's accuracy, `r` pixels; as the server,
	 * none without a size. */
	function drawAccuracy(r) {
		var marker = document.getElementById("map-tech");
		var circle = document.getElementById("map-accuracy");

		if (!(r > 0)) {
			if (circle)
				circle.parentNode.removeChild(circle);
			return;
		}
		if (!circle && marker) {
			circle = document.createElementNS(marker.namespaceURI, "circle");
			circle.setAttribute("id", "map-accuracy");
			circle.setAttribute("class", "accuracy");
			marker.insertBefore(circle, marker.firstChild);
		}
		if (circle)
			circle.setAttribute("r", r.toFixed(1));
	}

	/* The server's projection (cgi/pages/map.c), fitted again to the new
	 * position: the home and the technician, centred, both in view. */
	function drawPositions(svg, v) {
		var box = svg.viewBox.baseVal;
		var margin = numberAttr(svg, "data-margin"), minSpan = numberAttr(svg, "data-min-span");
		var lat0 = v.destination.latitude, lon0 = v.destination.longitude;
		var east = (v.position.longitude - lon0) * Math.cos(lat0 * Math.PI / 180) * 111320;
		var north = (v.position.latitude - lat0) * 110540;
		var midE = east / 2, midN = north / 2;
		var scale = Math.min((box.width - 2 * margin) / Math.max(Math.abs(east), minSpan),
			(box.height - 2 * margin) / Math.max(Math.abs(north), minSpan));
		var hx = box.width / 2 - midE * scale, hy = box.height / 2 + midN * scale;
		var tx = box.width / 2 + (east - midE) * scale, ty = box.height / 2 - (north - midN) * scale;
		var route = document.getElementById("map-route");

		svg.setAttribute("data-lat0", lat0.toFixed(6));
		svg.setAttribute("data-lon0", lon0.toFixed(6));
		svg.setAttribute("data-mid-e", midE.toFixed(1));
		svg.setAttribute("data-mid-n", midN.toFixed(1));
		svg.setAttribute("data-scale", scale.toFixed(6));
		if (route) {
			route.setAttribute("x1", hx.toFixed(1));
			route.setAttribute("y1", hy.toFixed(1));
			route.setAttribute("x2", tx.toFixed(1));
			route.setAttribute("y2", ty.toFixed(1));
		}
		translate(document.getElementById("map-home"), hx, hy);
		translate(document.getElementById("map-tech"), tx, ty);
		drawAccuracy(v.position.accuracy_m * scale);
		drawScale(svg, scale);
	}

	/* Only the distance known: the ring stays, its label and scale change. */
	function drawRing(svg, v, name) {
		var ring = svg.querySelector("circle.ring");
		var d = v.distance_m;

		svg.setAttribute("data-distance", String(d));
		setText("map-ring-label", name + " is about " + distance(d) + " away");
		drawScale(svg, d > 1 ? numberAttr(ring, "r") / d : 1);
	}

	/* The sentence a screen reader says instead of the picture. */
	function mapWords(v, name) {
		var text = "The position of " + name + ".";

		if (typeof v.distance_m === "number") {
			text = name + " is about " + distance(v.distance_m) + " from your home in a straight line";
			if (typeof v.road_distance_m === "number")
				text += ", about " + distance(v.road_distance_m) + " by road";
			text += ".";
		}
		setText("map-title", "Where " + name + " is");
		setText("map-desc", text);
	}

	function drawMap(v) {
		var svg = document.getElementById("map");
		var name = (v.technician && v.technician.first_name) || "Your technician";

		if (!svg)
			return;
		if (svg.getAttribute("data-mode") === "positions")
			drawPositions(svg, v);
		else
			drawRing(svg, v, name);
		setText("map-tech-name", name);
		mapWords(v, name);
	}

	function updateTracking(v) {
		var stale = document.getElementById("track-stale");
		var badge = document.querySelector("#track-status .badge");

		if (!sameShape(v))
			return false;
		setText("track-message", v.message);
		if (badge) {
			badge.className = "badge badge-" + String(v.status).replace(/[^a-z_]/g, "");
			badge.textContent = v.status_label;
		}
		setTime("track-eta", v.eta_text, v.eta_words);
		setText("track-eta-source", v.eta_source === "dispatcher" ? "set by our dispatcher" :
			"estimated from the distance");
		if (v.eta_window_text)
			setText("track-eta-window", "(" + v.eta_window_text + ")");
		if (typeof v.distance_m === "number")
			setText("track-distance", "about " + distance(v.distance_m));
		if (typeof v.road_distance_m === "number")
			setText("track-road", "(about " + distance(v.road_distance_m) + " by road)");
		if (typeof v.updated_minutes_ago === "number")
			setText("track-updated", "updated " + v.updated_minutes_ago + " min ago");
		setTime("track-updated-at", v.updated_at_text, v.updated_at_words);
		if (stale)
			stale.hidden = !v.stale;
		/* One element for the whole window, as the server writes it. */
		setTime("track-window", v.window_start_text, v.window_words);
		setText("track-tech", v.technician && v.technician.first_name);
		setTime("track-status-at", v.status_at_text, v.status_at_words);
		setText("track-door", v.door_code);
		drawMap(v);
		return true;
	}

	function pollTracking() {
		var box = document.getElementById("tracking");
		var shown = box ? box.getAttribute("data-state") : null;

		return getJSON("/api/v1/tracking").then(function (doc) {
			var v = doc.visit;
			/* A new state changes what the page holds: let the server
			 * draw it, as it would on a reload. */
			if ((v ? v.state : null) !== shown || (v && !updateTracking(v)))
				window.location.reload();
		});
	}

	/* ---- chat ---- */

	function chatItem(m, shopName) {
		var li = document.createElement("li");
		var who = document.createElement("p");
		var body = document.createElement("p");

		li.className = m.from === "you" ? "from-you" : "from-shop";
		li.setAttribute("data-id", String(m.id));
		who.className = "who";
		who.textContent = (m.from === "you" ? "You" : shopName) + " ";
		if (m.at_text)
			who.appendChild(timeElement(m.at_text));
		body.className = "body";
		body.textContent = m.body;
		li.appendChild(who);
		li.appendChild(body);
		return li;
	}

	/* The shop's messages up to `upTo` were seen: what the "Mark as read"
	 * form sends, with the page's CSRF token, without leaving the page. */
	function markRead(upTo) {
		var csrf = document.querySelector("input[name=\"csrf\"]");
		var body = new URLSearchParams();

		if (!csrf || !(upTo > 0))
			return Promise.resolve(false);
		body.set("csrf", csrf.value);
		body.set("up_to", String(upTo));
		return fetch("/portal/chat/read", {
			method: "POST",
			credentials: "same-origin",
			cache: "no-store",
			redirect: "manual",
			body: body
		}).then(function (r) {
			/* The portal answers a form with 303 to the chat page. */
			return r.ok || r.type === "opaqueredirect";
		});
	}

	/* Once the page is in view, the news it shows are read. */
	function markShownRead() {
		var form = document.getElementById("chat-read");
		var field = form && form.querySelector("input[name=\"up_to\"]");

		if (!field)
			return;
		markRead(parseInt(field.value, 10)).then(function (done) {
			if (done && form.parentNode)
				form.parentNode.removeChild(form);
		}, function () { /* the button is still there */ });
	}

	function pollChat() {
		var list = document.getElementById("chat-messages");

		if (!list)
			return Promise.resolve();
		return getJSON("/api/v1/chat").then(function (doc) {
			var last = parseInt(list.getAttribute("data-last-id"), 10) || 0;
			var shopName = (doc.shop && doc.shop.name) || "The shop";
			var empty = document.getElementById("chat-empty");
			var fromShop = 0;

			(doc.messages || []).forEach(function (m) {
				if (m.id > last) {
					list.appendChild(chatItem(m, shopName));
					last = m.id;
					if (m.from === "shop")
						fromShop = m.id;
				}
			});
			/* Polls run only while the page is in view: shown is seen. */
			if (fromShop > 0)
				markRead(fromShop).catch(function () {});
			list.setAttribute("data-last-id", String(last));
			if (empty && list.children.length > 0)
				empty.parentNode.removeChild(empty);
		});
	}

	var poll = kind === "tracking" ? pollTracking : kind === "chat" ? pollChat : null;
	var busy = false;

	if (!poll)
		return;
	if (kind === "chat") {
		if (!document.hidden)
			markShownRead();
		else
			document.addEventListener("visibilitychange", function seen() {
				if (document.hidden)
					return;
				document.removeEventListener("visibilitychange", seen);
				markShownRead();
			});
	}
	/* Only while the page is in view: a hidden tab asks nothing. */
	window.setInterval(function () {
		if (busy || document.hidden)
			return;
		busy = true;
		poll().then(function () { busy = false; }, function () { busy = false; });
	}, PERIOD_MS);
})();
