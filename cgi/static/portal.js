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
 */
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

	/* The day and minute of an ISO 8601 time, as the server shows it. */
	function shortTime(iso) {
		if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso))
			return iso.slice(0, 10) + " " + iso.slice(11, 16);
		return iso;
	}

	function timeElement(iso) {
		var t = document.createElement("time");
		t.setAttribute("datetime", iso);
		t.textContent = shortTime(iso);
		return t;
	}

	/* Metres as the server says them: "850 m", "1.9 km". */
	function distance(m) {
		return m < 1000 ? m + " m" : (m / 1000).toFixed(1) + " km";
	}

	function setText(id, text) {
		var el = document.getElementById(id);
		if (el && text !== null && text !== undefined)
			el.textContent = text;
		return el;
	}

	/* ---- tracking ---- */

	/* Where the server's projection puts a position, from the map's own
	 * data attributes; null when the map cannot place it. */
	function mapPoint(svg, lat, lon) {
		var lat0 = parseFloat(svg.getAttribute("data-lat0"));
		var lon0 = parseFloat(svg.getAttribute("data-lon0"));
		var midE = parseFloat(svg.getAttribute("data-mid-e"));
		var midN = parseFloat(svg.getAttribute("data-mid-n"));
		var scale = parseFloat(svg.getAttribute("data-scale"));
		var box = svg.viewBox.baseVal;
		var east = (lon - lon0) * Math.cos(lat0 * Math.PI / 180) * 111320;
		var north = (lat - lat0) * 110540;
		var x = box.width / 2 + (east - midE) * scale;
		var y = box.height / 2 - (north - midN) * scale;

		if (!isFinite(x) || !isFinite(y) || x < 8 || y < 8 || x > box.width - 8 || y > box.height - 8)
			return null;
		return { x: x, y: y };
	}

	/* Move the technician on the map; false when the page must be
	 * redrawn by the server instead. */
	function moveMarker(v) {
		var svg = document.getElementById("map");
		var marker = document.getElementById("map-tech");
		var route = document.getElementById("map-route");
		var p;

		if (!v.position)
			return !svg;
		/* The server draws a map when it knows the home or the distance. */
		if (!svg)
			return !(v.destination || typeof v.distance_m === "number");
		if (svg.getAttribute("data-mode") === "distance")
			return String(v.distance_m) === svg.getAttribute("data-distance");
		p = mapPoint(svg, v.position.latitude, v.position.longitude);
		if (!p || !marker)
			return false;
		marker.setAttribute("transform", "translate(" + p.x.toFixed(1) + " " + p.y.toFixed(1) + ")");
		if (route) {
			route.setAttribute("x2", p.x.toFixed(1));
			route.setAttribute("y2", p.y.toFixed(1));
		}
		return true;
	}

	function updateTracking(v) {
		var eta = document.getElementById("track-eta");
		var stale = document.getElementById("track-stale");
		var badge = document.querySelector("#track-status .badge");

		setText("track-message", v.message);
		if (badge)
			badge.textContent = v.status_label;
		if (v.eta_text) {
			if (!eta)
				return false;
			eta.textContent = "";
			eta.appendChild(timeElement(v.eta_text));
		}
		if (typeof v.distance_m === "number")
			setText("track-distance", "about " + distance(v.distance_m));
		if (typeof v.updated_minutes_ago === "number")
			setText("track-updated", "updated " + v.updated_minutes_ago + " min ago");
		if (stale)
			stale.hidden = !v.stale;
		return moveMarker(v);
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
