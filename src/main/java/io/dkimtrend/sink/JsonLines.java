package io.dkimtrend.sink;

import io.dkimtrend.model.Json;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.flink.api.common.serialization.Encoder;

/** Writes each record as one line of JSON (NDJSON). */
public class JsonLines<T> implements Encoder<T> {

    @Override
    public void encode(T record, OutputStream stream) throws IOException {
        stream.write(Json.toBytes(record));
        stream.write('\n');
    }
}
