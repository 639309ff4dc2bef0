import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Array;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Interval;
import org.gephi.graph.api.Node;
import org.gephi.graph.api.Table;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.io.processor.plugin.MergeProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Reads network files with the Gephi Toolkit's own importers, headless, and
 * prints what Gephi made of each as one JSON line (for tests/graph/test_export_gephi.py).
 * One JVM for every file: java GephiRead a.gexf b.graphml nodes.csv+edges.csv ...
 * A "+" joins files that Gephi imports together into one workspace (the CSV pair).
 */
public class GephiRead {
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
        ImportController ic = Lookup.getDefault().lookup(ImportController.class);
        pc.newProject();
        for (String arg : args) {
            Workspace ws = pc.newWorkspace(pc.getCurrentProject());
            pc.openWorkspace(ws);
            String[] parts = arg.split("\\+");
            Container[] containers = new Container[parts.length];
            StringBuilder modes = new StringBuilder("[");
            for (int i = 0; i < parts.length; i++) {
                containers[i] = ic.importFile(new File(parts[i]));
                if (containers[i] == null) {
                    throw new IllegalStateException("Gephi imported nothing from " + parts[i]);
                }
                modes.append(i > 0 ? "," : "").append(str(containers[i].getSource()));
            }
            if (parts.length == 1) {
                ic.process(containers[0], new DefaultProcessor(), ws);
            } else {
                ic.process(containers, new MergeProcessor(), ws);
            }
            GraphModel gm = Lookup.getDefault().lookup(GraphController.class).getGraphModel(ws);
            StringBuilder sb = new StringBuilder("{\"input\":").append(str(arg));
            sb.append(",\"sources\":").append(modes).append("]");
            sb.append(",\"dynamic\":").append(gm.isDynamic());
            sb.append(",\"directed\":").append(gm.isDirected());
            sb.append(",\"node_columns\":").append(columns(gm.getNodeTable()));
            sb.append(",\"edge_columns\":").append(columns(gm.getEdgeTable()));
            sb.append(",\"nodes\":[");
            boolean first = true;
            for (Node n : gm.getGraph().getNodes()) {
                sb.append(first ? "" : ",").append("{\"id\":").append(str(n.getId()))
                  .append(",\"label\":").append(str(n.getLabel()))
                  .append(",\"size\":").append(n.size())
                  .append(",\"color\":[").append(Math.round(n.r() * 255)).append(",")
                  .append(Math.round(n.g() * 255)).append(",").append(Math.round(n.b() * 255)).append("]")
                  .append(",\"intervals\":").append(intervals(n))
                  .append(",\"attrs\":").append(attrs(n, gm.getNodeTable())).append("}");
                first = false;
            }
            sb.append("],\"edges\":[");
            first = true;
            for (Edge e : gm.getGraph().getEdges()) {
                sb.append(first ? "" : ",").append("{\"id\":").append(str(e.getId()))
                  .append(",\"source\":").append(str(e.getSource().getId()))
                  .append(",\"target\":").append(str(e.getTarget().getId()))
                  .append(",\"label\":").append(str(e.getLabel()))
                  .append(",\"kind\":").append(str(e.getTypeLabel()))
                  .append(",\"directed\":").append(e.isDirected())
                  .append(",\"weight\":").append(e.getWeight())
                  .append(",\"intervals\":").append(intervals(e))
                  .append(",\"attrs\":").append(attrs(e, gm.getEdgeTable())).append("}");
                first = false;
            }
            sb.append("]}");
            out.println(sb);
        }
        System.exit(0);  // Gephi leaves non-daemon threads behind
    }

    static String columns(Table table) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Column c : table) {
            sb.append(first ? "" : ",").append(str(c.getTitle())).append(":")
              .append(str(c.getTypeClass().getSimpleName()));
            first = false;
        }
        return sb.append("}").toString();
    }

    static String intervals(Element el) {
        StringBuilder sb = new StringBuilder("[");
        Interval[] ivs;
        try {
            ivs = el.getIntervals();
        } catch (RuntimeException timestamps) {  // a graph on timestamps, not intervals: none to report
            ivs = null;
        }
        for (int i = 0; ivs != null && i < ivs.length; i++) {
            sb.append(i > 0 ? "," : "").append("[").append((long) ivs[i].getLow()).append(",")
              .append((long) ivs[i].getHigh()).append("]");
        }
        return sb.append("]").toString();
    }

    static String attrs(Element el, Table table) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Column c : table) {
            if (c.isProperty()) {
                continue;  // id, label, weight, interval: reported above
            }
            Object v = el.getAttribute(c);
            if (v == null) {
                continue;
            }
            sb.append(first ? "" : ",").append(str(c.getTitle())).append(":").append(value(v));
            first = false;
        }
        return sb.append("}").toString();
    }

    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v); i++) {
                sb.append(i > 0 ? "," : "").append(value(Array.get(v, i)));
            }
            return sb.append("]").toString();
        }
        if (v instanceof Number && !(v instanceof Double && ((Double) v).isNaN())) {
            return v.toString();
        }
        if (v instanceof Boolean) {
            return v.toString();
        }
        return str(v);
    }

    static String str(Object o) {
        if (o == null) {
            return "null";
        }
        String s = o.toString();
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
