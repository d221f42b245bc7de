package rxpush.forwarder.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small EWS endpoint for the forwarder's reader tests: GetFolder (calendar), GetItem (ItemId and
 * RecurringMasterItemId), FindItem (CalendarView), answered from items the test puts in, in the
 * response format Exchange 2013+ uses. Multi-threaded, and it measures how many requests overlap.
 */
public final class EwsStub implements AutoCloseable {

    public static final String CALENDAR = "cal-folder-id";
    public static final String DELETED_ITEMS = "deleted-folder-id";

    /** One calendar item; {@code xmlExtra} is added inside the item element. */
    public record Item(String id, String changeKey, String folder, String itemClass, String type, String uid,
            Instant start, Instant end, Instant lastModified, String masterId, String xmlExtra) {
    }

    private static final Pattern OPERATION = Pattern.compile("<m:(GetItem|GetFolder|FindItem)\\b");
    private static final Pattern ITEM_ID = Pattern.compile("<t:ItemId Id=\"([^\"]+)\"");
    private static final Pattern MASTER_ID = Pattern.compile("<t:RecurringMasterItemId OccurrenceId=\"([^\"]+)\"");

    private final HttpServer server;
    private final Map<String, Item> items = new ConcurrentHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Object overlap = new Object();
    private volatile String fault;
    private volatile int holdUntilConcurrent;

    private final Map<String, String> itemErrors = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> views = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Duration longestView = Duration.ofDays(730);
    private static final Pattern VIEW = Pattern.compile("<m:CalendarView[^>]*StartDate=\"([^\"]+)\"[^>]*EndDate=\"([^\"]+)\"");

    public EwsStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                holdForOverlap();
                int status = 200;
                String answer;
                String error = fault;
                if (error != null) {
                    answer = error;
                } else {
                    answer = answer(body);
                }
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length);
                exchange.getResponseBody().write(bytes);
            } finally {
                inFlight.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/EWS/Exchange.asmx");
    }

    public void put(Item item) {
        items.put(item.id(), item);
    }

    /** GetItem answers this error code for the item (e.g. ErrorCalendarOccurrenceIsDeletedFromRecurrence). */
    public void failItem(String id, String code) {
        itemErrors.put(id, code);
    }

    /** FindItem refuses a CalendarView longer than this with ErrorCalendarViewRangeTooBig (EWS allows two years). */
    public void maxCalendarView(Duration longest) {
        this.longestView = longest;
    }

    /** The CalendarView ranges FindItem was asked for. */
    public List<String> views() {
        return List.copyOf(views);
    }

    public void remove(String id) {
        items.remove(id);
    }

    /** Every request is answered with this whole SOAP response until cleared (null). */
    public void failWith(String response) {
        this.fault = response;
    }

    /** Requests wait (at most 2 s) until this many overlap, so a test can see the parallelism cap. */
    public void holdUntilConcurrent(int requests) {
        this.holdUntilConcurrent = requests;
    }

    public List<String> operations() {
        return List.copyOf(operations);
    }

    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    public int maxConcurrent() {
        return maxInFlight.get();
    }

    private void holdForOverlap() {
        long deadline = System.currentTimeMillis() + 2000;
        synchronized (overlap) {
            overlap.notifyAll();
            long left;
            while (holdUntilConcurrent > 0 && inFlight.get() < holdUntilConcurrent
                    && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    overlap.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private String answer(String body) {
        Matcher op = OPERATION.matcher(body);
        String operation = op.find() ? op.group(1) : "unknown";
        operations.add(operation);
        bodies.add(body);
        return switch (operation) {
            case "GetFolder" -> envelope("<m:GetFolderResponse " + NS + "><m:ResponseMessages>"
                    + "<m:GetFolderResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
                    + "<m:Folders><t:CalendarFolder><t:FolderId Id=\"" + CALENDAR + "\" ChangeKey=\"AgAAAA==\"/>"
                    + "</t:CalendarFolder></m:Folders></m:GetFolderResponseMessage></m:ResponseMessages></m:GetFolderResponse>");
            case "GetItem" -> getItem(body);
            case "FindItem" -> findItem(body);
            default -> envelope("<s:Fault><faultcode>s:Client</faultcode><faultstring>unsupported</faultstring></s:Fault>");
        };
    }

    private String getItem(String body) {
        StringBuilder messages = new StringBuilder();
        List<String[]> asked = new ArrayList<>();
        Matcher ids = ITEM_ID.matcher(body);
        while (ids.find()) {
            asked.add(new String[] {"item", ids.group(1)});
        }
        Matcher masters = MASTER_ID.matcher(body);
        while (masters.find()) {
            asked.add(new String[] {"master", masters.group(1)});
        }
        for (String[] ask : asked) {
            Item item = items.get(ask[1]);
            if (item != null && ask[0].equals("master")) {
                item = items.get(item.masterId());
            }
            String error = ask[0].equals("item") ? itemErrors.get(ask[1]) : null;
            if (error != null) {
                messages.append(errorMessage("GetItem", error, ""));
            } else if (item == null) {
                messages.append(errorMessage("GetItem", "ErrorItemNotFound", ""));
            } else {
                messages.append("<m:GetItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
                        + "<m:Items>").append(itemXml(item, true)).append("</m:Items></m:GetItemResponseMessage>");
            }
        }
        return envelope("<m:GetItemResponse " + NS + "><m:ResponseMessages>" + messages
                + "</m:ResponseMessages></m:GetItemResponse>");
    }

    private String findItem(String body) {
        Matcher view = VIEW.matcher(body);
        boolean ranged = view.find();
        Instant from = ranged ? java.time.OffsetDateTime.parse(view.group(1)).toInstant() : Instant.MIN;
        Instant to = ranged ? java.time.OffsetDateTime.parse(view.group(2)).toInstant() : Instant.MAX;
        if (from != Instant.MIN) {
            views.add(from + "/" + to);
            if (Duration.between(from, to).compareTo(longestView) > 0) {
                return envelope("<m:FindItemResponse " + NS + "><m:ResponseMessages>"
                        + errorMessage("FindItem", "ErrorCalendarViewRangeTooBig", "") + "</m:ResponseMessages></m:FindItemResponse>");
            }
        }
        StringBuilder found = new StringBuilder();
        List<Item> calendar = items.values().stream().filter(i -> CALENDAR.equals(i.folder()) && i.start() != null
                        && !"RecurringMaster".equals(i.type()) && i.end().isAfter(from) && i.start().isBefore(to))
                .sorted(java.util.Comparator.comparing(Item::start)).toList();
        calendar.forEach(i -> found.append(itemXml(i, false)));
        return envelope("<m:FindItemResponse " + NS + "><m:ResponseMessages>"
                + "<m:FindItemResponseMessage ResponseClass=\"Success\"><m:ResponseCode>NoError</m:ResponseCode>"
                + "<m:RootFolder TotalItemsInView=\"" + calendar.size() + "\" IncludesLastItemInRange=\"true\">"
                + "<t:Items>" + found + "</t:Items></m:RootFolder></m:FindItemResponseMessage></m:ResponseMessages>"
                + "</m:FindItemResponse>");
    }

    private static String itemXml(Item item, boolean full) {
        boolean calendarItem = item.itemClass().startsWith("IPM.Appointment");
        String element = calendarItem ? "t:CalendarItem" : "t:Item";
        StringBuilder xml = new StringBuilder("<" + element + ">");
        xml.append("<t:ItemId Id=\"").append(item.id()).append("\" ChangeKey=\"").append(item.changeKey()).append("\"/>");
        if (full) {
            xml.append("<t:ParentFolderId Id=\"").append(item.folder()).append("\" ChangeKey=\"AQAAAA==\"/>");
            xml.append("<t:ItemClass>").append(item.itemClass()).append("</t:ItemClass>");
        }
        if (item.lastModified() != null) {
            xml.append("<t:LastModifiedTime>").append(item.lastModified()).append("</t:LastModifiedTime>");
        }
        if (calendarItem) {
            if (item.uid() != null) {
                xml.append("<t:UID>").append(item.uid()).append("</t:UID>");
            }
            if (item.start() != null) {
                xml.append("<t:Start>").append(item.start()).append("</t:Start>");
            }
            if (item.end() != null) {
                xml.append("<t:End>").append(item.end()).append("</t:End>");
            }
            xml.append("<t:CalendarItemType>").append(item.type()).append("</t:CalendarItemType>");
            if (full && "RecurringMaster".equals(item.type())) {
                xml.append(WEEKLY_RECURRENCE);
            }
            if (full && item.xmlExtra() != null) {
                xml.append(item.xmlExtra());
            }
        }
        return xml.append("</").append(element).append(">").toString();
    }

    /** Every Monday from 2026-12-07 to 2027-02-08 (EWS Recurrence: WeeklyRecurrence + EndDateRecurrence). */
    public static final String WEEKLY_RECURRENCE = "<t:Recurrence><t:WeeklyRecurrence><t:Interval>1</t:Interval>"
            + "<t:DaysOfWeek>Monday</t:DaysOfWeek></t:WeeklyRecurrence><t:EndDateRecurrence>"
            + "<t:StartDate>2026-12-07+01:00</t:StartDate><t:EndDate>2027-02-08+01:00</t:EndDate></t:EndDateRecurrence>"
            + "</t:Recurrence>";

    public static final String NS = "xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\" "
            + "xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"";

    /** A per-item error message of an operation's response. */
    public static String errorMessage(String operation, String code, String extra) {
        return "<m:" + operation + "ResponseMessage ResponseClass=\"Error\"><m:MessageText>simulated</m:MessageText>"
                + "<m:ResponseCode>" + code + "</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>" + extra
                + "<m:Items/></m:" + operation + "ResponseMessage>";
    }

    /** A whole GetItem response with one error message (for {@link #failWith}). */
    public static String getItemError(String code, String extra) {
        return envelope("<m:GetItemResponse " + NS + "><m:ResponseMessages>" + errorMessage("GetItem", code, extra)
                + "</m:ResponseMessages></m:GetItemResponse>");
    }

    public static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Header><h:ServerVersionInfo MajorVersion=\"15\" MinorVersion=\"1\" MajorBuildNumber=\"2507\" "
                + "MinorBuildNumber=\"6\" Version=\"V2017_07_11\" "
                + "xmlns:h=\"http://schemas.microsoft.com/exchange/services/2006/types\"/></s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
