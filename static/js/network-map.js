/* The map of actors (an enhancement: the list under it holds the same actors, for every reader),
   and the point picker of an organisation's position. Nothing here can be reached with Tab:
   keyboard and screen-reader users work with the list and its buttons, never inside the map. */
(function () {
  "use strict";
  if (!window.L || !document.querySelector) { return; }
  var L = window.L;
  L.Marker.prototype.options.keyboard = false; // markers and cluster icons: no tab stops in an aria-hidden map

  function baseMap(el, lat, lon, zoom) {
    el.hidden = false;
    var map = L.map(el, { keyboard: false, zoomControl: false, attributionControl: false, minZoom: 4, maxZoom: 18 }).setView([lat, lon], zoom);
    var url = el.getAttribute("data-tile-url");
    if (url) { L.tileLayer(url, { maxZoom: 18 }).addTo(map); }
    return map;
  }

  function text(tag, content, className) {
    var node = document.createElement(tag);
    node.textContent = content;
    if (className) { node.className = className; }
    return node;
  }

  function popup(actor, el) {
    var box = document.createElement("div");
    box.appendChild(text("strong", actor.name));
    box.appendChild(text("p", [actor.category, actor.commune].filter(Boolean).join(" · ")));
    if (actor.distance_km !== null) { box.appendChild(text("p", actor.distance_km.toLocaleString() + " " + el.getAttribute("data-label-km"))); }
    var link = text("a", el.getAttribute("data-label-open"));
    link.href = actor.url;
    link.tabIndex = -1;
    box.appendChild(link);
    return box;
  }

  function catchmentLayer(actor) {
    var layers = [];
    if (actor.catchment.km) {
      layers.push(L.circle([actor.lat, actor.lon], { radius: actor.catchment.km * 1000, weight: 2, fillOpacity: 0.08 }));
    }
    actor.catchment.communes.forEach(function (c) {
      if (c.lat !== null) { layers.push(L.circleMarker([c.lat, c.lon], { radius: 6, weight: 2, fillOpacity: 0.3 })); }
    });
    return L.featureGroup(layers);
  }

  function addButton(container, label, onClick) {
    var button = text("button", label, "btn btn--link");
    button.type = "button";
    button.addEventListener("click", onClick);
    var p = document.createElement("p");
    p.appendChild(button);
    container.appendChild(p);
    return button;
  }

  function actorsMap(el) {
    var map = baseMap(el, 46.13, 3.42, 10);
    var controls = document.querySelector("[data-map-controls]");
    var status = controls ? controls.querySelector("[data-map-status]") : null;
    if (controls) {
      controls.hidden = false;
      Array.prototype.forEach.call(controls.querySelectorAll("[data-map-zoom]"), function (b) {
        b.addEventListener("click", function () { map.setZoom(map.getZoom() + Number(b.getAttribute("data-map-zoom"))); });
      });
    }
    fetch(el.getAttribute("data-markers-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
        var byKey = {};
        data.actors.forEach(function (a) {
          var marker = L.marker([a.lat, a.lon], { title: a.name, alt: a.name });
          marker.bindPopup(popup(a, el), { closeButton: false });
          group.addLayer(marker);
          byKey[a.kind + "-" + a.id] = { marker: marker, actor: a, area: null };
        });
        map.addLayer(group);
        if (data.origin) { L.circleMarker([data.origin.lat, data.origin.lon], { radius: 8, color: "#b91c1c" }).addTo(map); }
        if (data.actors.length) { map.fitBounds(L.latLngBounds(data.actors.map(function (a) { return [a.lat, a.lon]; })).pad(0.2), { maxZoom: 13 }); }
        el.setAttribute("data-markers", String(data.actors.length));
        if (status) { status.textContent = data.actors.length.toLocaleString(document.documentElement.lang || "fr") + " / " + (data.limited ? data.total : data.actors.length + data.unplaced).toLocaleString(document.documentElement.lang || "fr"); }
        Array.prototype.forEach.call(document.querySelectorAll("[data-actor]"), function (li) {
          var entry = byKey[li.getAttribute("data-actor")];
          if (!entry) { return; }
          addButton(li, el.getAttribute("data-label-show") || "Voir sur la carte", function () {
            el.scrollIntoView({ block: "nearest" });
            if (group.zoomToShowLayer) { group.zoomToShowLayer(entry.marker, function () { entry.marker.openPopup(); }); }
            else { map.setView(entry.marker.getLatLng(), 13); entry.marker.openPopup(); }
          });
          if (entry.actor.catchment.km || entry.actor.catchment.communes.length) {
            var toggle = addButton(li, el.getAttribute("data-label-catchment"), function () {
              var shown = toggle.getAttribute("aria-pressed") === "true";
              if (shown) { map.removeLayer(entry.area); }
              else {
                entry.area = entry.area || catchmentLayer(entry.actor);
                entry.area.addTo(map);
                map.fitBounds(entry.area.getBounds().extend(entry.marker.getLatLng()).pad(0.1));
              }
              toggle.setAttribute("aria-pressed", shown ? "false" : "true");
            });
            toggle.setAttribute("aria-pressed", "false");
          }
        });
      })
      .catch(function (err) { if (window.console) { console.error(err); } el.hidden = true; if (controls) { controls.hidden = true; } });
  }

  function decimal(value) { return Number(String(value || "").replace(",", ".").replace(/\s/g, "")); }

  function pointPicker(el) {
    var lat = document.getElementById("lat"), lon = document.getElementById("lon");
    var start = [decimal(el.getAttribute("data-lat")), decimal(el.getAttribute("data-lon"))];
    var known = lat.value && lon.value && isFinite(decimal(lat.value)) && isFinite(decimal(lon.value));
    var map = baseMap(el, known ? decimal(lat.value) : start[0], known ? decimal(lon.value) : start[1], 13);
    var hint = document.querySelector("[data-place-map-hint]");
    if (hint) { hint.hidden = false; }
    var marker = known ? L.marker([decimal(lat.value), decimal(lon.value)]).addTo(map) : null;
    map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(5).replace(".", ",");
      lon.value = e.latlng.lng.toFixed(5).replace(".", ",");
      if (marker) { marker.setLatLng(e.latlng); } else { marker = L.marker(e.latlng).addTo(map); }
    });
  }

  var actors = document.getElementById("network-map");
  if (actors) { actorsMap(actors); }
  var picker = document.getElementById("place-map");
  if (picker) { pointPicker(picker); }
}());
