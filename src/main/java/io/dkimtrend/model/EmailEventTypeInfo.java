package io.dkimtrend.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type for {@link EmailEvent}, named on the class, so that every stream of emails uses {@link EmailEventSerializer}. */
public final class EmailEventTypeInfo extends TypeInformation<EmailEvent> {

    public static final EmailEventTypeInfo INSTANCE = new EmailEventTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<EmailEvent> getTypeClass() {
        return EmailEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<EmailEvent> createSerializer(SerializerConfig config) {
        return EmailEventSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "EmailEvent";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmailEventTypeInfo;
    }

    @Override
    public int hashCode() {
        return EmailEventTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof EmailEventTypeInfo;
    }

    /** Named by {@code @TypeInfo} on {@link EmailEvent}. */
    public static final class Factory extends TypeInfoFactory<EmailEvent> {
        @Override
        public TypeInformation<EmailEvent> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return INSTANCE;
        }
    }
}
