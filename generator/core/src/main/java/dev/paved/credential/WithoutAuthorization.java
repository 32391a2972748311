package dev.paved.credential;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.eclipse.jgit.transport.http.HttpConnection;

/** A JGit connection that never sends an {@code Authorization} header, whatever JGit sets. */
final class WithoutAuthorization {

    private WithoutAuthorization() {
    }

    static HttpConnection of(HttpConnection connection) {
        return (HttpConnection) Proxy.newProxyInstance(HttpConnection.class.getClassLoader(),
                new Class<?>[] {HttpConnection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setRequestProperty") && args != null
                            && "Authorization".equalsIgnoreCase(String.valueOf(args[0]))) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
