// Load govkg Cytoscape exports into one headless Cytoscape.js graph, the way a
// page adds a second export to what it shows (cy.add), and print what it holds.
//   node read_cytoscape.js a.cyjs [b.cyjs ...]  ->  one JSON object on stdout
const fs = require("fs");
const cytoscape = require("cytoscape");

const docs = process.argv.slice(2).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
const cy = cytoscape({ headless: true, styleEnabled: true, style: docs[0].style });
const added = docs.map((doc) => {
  // cy.add refuses an element whose id is already there; add only the new ones, as a page does
  const fresh = [...doc.elements.nodes, ...doc.elements.edges].filter((el) => cy.getElementById(el.data.id).empty());
  return cy.add(fresh).length;
});
const out = {
  added,
  nodes: cy.nodes().map((n) => ({ id: n.id(), label: n.data("label"), node_type: n.data("node_type"),
                                  shown: n.style("label"), color: n.style("background-color") })),
  edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(),
                                  interaction: e.data("interaction"), color: e.style("line-color") })),
};
process.stdout.write(JSON.stringify(out), () => process.exit(0));  // cytoscape keeps a timer alive
